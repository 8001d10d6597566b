// Entry point for `azd provision`. Subscription scope so the template owns its resource group: `azd down` then removes
// everything it made, and one environment name maps to exactly one group.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name (AZURE_ENV_NAME); names the resource group and seeds the unique resource names.')
param environmentName string

@minLength(1)
@description('Region for every resource. Norway East keeps health data in Norway; Flex Consumption must be offered there (az functionapp list-flexconsumption-locations).')
@metadata({ azd: { type: 'location' } })
param location string = 'norwayeast'

@description('Object id of the person running azd (AZURE_PRINCIPAL_ID). Used only when grantDeveloperAccess is true.')
param principalId string = ''

@description('Give principalId read access to tables and blobs and send/receive access to Service Bus, for debugging a test environment. Leave false for anything holding real data.')
param grantDeveloperAccess bool = false

// Flex Consumption accepts 40–1000 (its lowest ceiling is 40); anything else is rejected at deployment.
@minValue(40)
@maxValue(1000)
@description('Upper bound on Flex Consumption instances (40–1000): caps cost and the number of Service Bus and storage connections.')
param maximumInstanceCount int = 40

@minValue(0)
@maxValue(20)
@description('Always-ready instances for the HTTP function group: no cold start for the first requests, billed around the clock (see docs/deployment.md, "What it costs"). 0 = scale from zero.')
param alwaysReadyHttpInstances int = 0

@allowed([512, 2048, 4096])
@description('Memory per instance. 2048 MB also buys the CPU share the self-contained .NET handler starts comfortably with.')
param instanceMemoryMB int = 2048

@description('Client id of the Entra ID app registration that exposes this API\'s app roles (CareRelations.Manage, Nettlege.Administer, ...). Workforce and system tokens must be issued for it.')
param workforceApiClientId string = ''

@description('Client id of the admin web\'s own Entra ID app registration (platform "single-page application", redirect URI https://<app>/api/admin/, permission to this API). Empty: the admin web offers no sign-in (docs/admin-web.md).')
param adminWebClientId string = ''

@description('The audience citizen tokens from ID-porten are issued for.')
param citizenTokenAudience string = 'https://helsenorge.no/citizen-services'

@description('Storage replication: false = zone-redundant (ZRS, three zones in the region); true = geo-zone-redundant (GZRS: ZRS plus an asynchronous copy in the paired region, Norway West for Norway East).')
param geoRedundantStorage bool = false

@minValue(1)
@maxValue(365)
@description('Days deleted blobs, blob versions and containers stay recoverable (blob and container soft delete).')
param blobSoftDeleteDays int = 30

@minValue(1)
@maxValue(146000)
@description('Days each access-log anchor blob is immutable (time-based WORM retention on its container). At least the access log\'s own retention of five years.')
param accessLogAnchorRetentionDays int = 1827

@minValue(1)
@maxValue(3650)
@description('Days table exports in the backups container are kept before lifecycle management deletes them.')
param backupRetentionDays int = 35

@description('Network isolation: VNet integration for the app, private endpoints for storage and Service Bus, public network access to both turned off. Service Bus then needs the Premium tier, which costs far more (docs/deployment.md).')
param networkIsolation bool = false

@description('Address space of the virtual network created when networkIsolation is true.')
param virtualNetworkAddressPrefix string = '10.40.0.0/16'

@description('Resource id of an existing action group the alerts notify (e-mail, SMS, a webhook to the on-call tool). Empty: the alerts fire and show in the portal but notify nobody.')
param alertActionGroupId string = ''

@minValue(-1)
@maxValue(1000)
@description('Daily ingestion cap of the Log Analytics workspace in GB (-1 = no cap). When reached, telemetry stops until the next UTC day.')
param logAnalyticsDailyQuotaGb int = 5

@description('Browser origins allowed to call the API cross-origin (CORS), comma-separated, e.g. https://www.helsenorge.no. Empty: same-origin only (the front end reaches the API through its own origin). See docs/deployment.md, "CORS".')
param allowedCorsOrigins string = ''

@description('HelseID issuer for sector systems: https://helseid-sts.nhn.no in production, https://helseid-sts.test.nhn.no in test.')
param helseIdIssuer string = 'https://helseid-sts.nhn.no'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

// The prefix of the identity-based Service Bus settings. Every function.json Service Bus binding names it in
// `connection`; the deployment tests fail when one names anything else.
var serviceBusConnectionName = 'ServiceBusConnection'

// Mirrors functions/CitizenServices.Infrastructure/Storage/StorageNames.cs: the app gets data-plane roles only and
// cannot create these itself. The deployment tests compare the two lists.
var storageTables = ['outbox', 'outboxpending', 'inbox', 'accesslog', 'representationsbyrepresentative', 'people', 'fullmaktexpiry', 'consent', 'consentbydefinition', 'nettlegepilots', 'nettlegetriage', 'nettlegeconsultations', 'schedules', 'schedulecatalog', 'appointments', 'dpopproofs']
var storageContainers = ['documents', 'backups']

// Kept apart from storageContainers: it is created with a time-based immutability (WORM) policy.
var accessLogAnchorContainer = 'accesslog-anchors'
var storageQueues = []

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-func-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    principalId: identity.outputs.principalId
    dailyQuotaGb: logAnalyticsDailyQuotaGb
  }
}

module network 'modules/network.bicep' = if (networkIsolation) {
  name: 'network'
  scope: rg
  params: {
    name: 'vnet-${resourceToken}'
    location: location
    tags: tags
    addressPrefix: virtualNetworkAddressPrefix
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    tableNames: storageTables
    containerNames: storageContainers
    queueNames: storageQueues
    deploymentContainerName: 'deployment-package'
    anchorContainerName: accessLogAnchorContainer
    anchorRetentionDays: accessLogAnchorRetentionDays
    backupContainerName: 'backups'
    backupRetentionDays: backupRetentionDays
    skuName: geoRedundantStorage ? 'Standard_GZRS' : 'Standard_ZRS'
    softDeleteDays: blobSoftDeleteDays
    publicNetworkAccess: networkIsolation ? 'Disabled' : 'Enabled'
    principalId: identity.outputs.principalId
    developerPrincipalId: grantDeveloperAccess ? principalId : ''
  }
}

module serviceBus 'modules/service-bus.bicep' = {
  name: 'service-bus'
  scope: rg
  params: {
    name: 'sb-${resourceToken}'
    location: location
    tags: tags
    // Private endpoints exist only on Premium.
    skuName: networkIsolation ? 'Premium' : 'Standard'
    publicNetworkAccess: networkIsolation ? 'Disabled' : 'Enabled'
    principalId: identity.outputs.principalId
    developerPrincipalId: grantDeveloperAccess ? principalId : ''
  }
}

module privateEndpoints 'modules/private-endpoints.bicep' = if (networkIsolation) {
  name: 'private-endpoints'
  scope: rg
  params: {
    location: location
    tags: tags
    subnetId: network!.outputs.privateEndpointSubnetId
    virtualNetworkId: network!.outputs.id
    storageAccountId: storage.outputs.id
    serviceBusNamespaceId: serviceBus.outputs.id
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: 'func-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    identityId: identity.outputs.id
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    instanceMemoryMB: instanceMemoryMB
    virtualNetworkSubnetId: networkIsolation ? network!.outputs.appSubnetId : ''
    appSettings: {
      AzureWebJobsStorage__accountName: storage.outputs.name
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.outputs.clientId
      ServiceBusConnection__fullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
      ServiceBusConnection__credential: 'managedidentity'
      ServiceBusConnection__clientId: identity.outputs.clientId
      // The outbox sweep's timer (functions/definitions/OutboxSweep): what the send right after each commit left.
      OutboxSweepSchedule: '0 * * * * *'
      // The register follower's timer (functions/definitions/RegisterFeed): how often Folkeregisteret's feed is polled.
      RegisterFeedSchedule: '*/10 * * * * *'
      // The connection string carries only the ingestion endpoint and instrumentation key, which is no credential
      // once local auth is off: the authentication string makes the host and the SDK send Entra tokens instead.
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
      // DefaultAzureCredential in the handler picks the user-assigned identity from this.
      AZURE_CLIENT_ID: identity.outputs.clientId
      Storage__TableServiceUri: storage.outputs.tableEndpoint
      Storage__BlobServiceUri: storage.outputs.blobEndpoint
      Storage__QueueServiceUri: storage.outputs.queueEndpoint
      Storage__ManagedIdentityClientId: identity.outputs.clientId
      // Workforce and system callers: Entra ID tokens for this API's app registration (Microsoft.Identity.Web).
      AzureAd__Instance: environment().authentication.loginEndpoint
      AzureAd__TenantId: tenant().tenantId
      AzureAd__ClientId: workforceApiClientId
      AzureAd__Audience: empty(workforceApiClientId) ? '' : 'api://${workforceApiClientId}'
      // The admin web (served by this app under /api/admin/): staff sign in with its own public-client registration in the
      // same tenant, with PKCE, and get tokens for the API above, with the same app roles and municipality claim.
      AdminWeb__ClientId: adminWebClientId
      AdminWeb__TenantId: tenant().tenantId
      // Citizens: ID-porten tokens; signing keys come from its discovery document (appsettings.json).
      Authentication__IdPorten__Audience: citizenTokenAudience
      // Comma-separated; the handler is the only CORS layer (platform CORS stays off so headers are not doubled).
      Cors__AllowedOrigins: allowedCorsOrigins
      // Sector systems: HelseID tokens with DPoP. A proof names the URL the client called (htu), and behind the Functions
      // host the handler sees only loopback, so the public address is configured here.
      Authentication__HelseId__Issuer: helseIdIssuer
      Authentication__HelseId__MetadataAddress: '${helseIdIssuer}/.well-known/openid-configuration'
      Authentication__HelseId__PublicOrigins__0: 'https://func-${resourceToken}.azurewebsites.net'
    }
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    namePrefix: resourceToken
    location: location
    tags: tags
    actionGroupId: alertActionGroupId
    serviceBusNamespaceId: serviceBus.outputs.id
    storageAccountId: storage.outputs.id
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    functionAppName: functionApp.outputs.name
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
output ADMIN_WEB_URI string = '${functionApp.outputs.uri}/api/admin/'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output SERVICE_BUS_CONNECTION_NAME string = serviceBusConnectionName
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
