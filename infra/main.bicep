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

@minValue(1)
@maxValue(1000)
@description('Upper bound on Flex Consumption instances: caps cost and the number of Service Bus and storage connections.')
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
@description('Memory per instance. 2048 MB also buys the CPU share the self-contained .NET handler starts comfortably with.')
param instanceMemoryMB int = 2048

@description('Client id of the Entra ID app registration that exposes this API\'s app roles (CareRelations.Manage, Nettlege.Administer, ...). Workforce and system tokens must be issued for it.')
param workforceApiClientId string = ''

@description('The audience citizen tokens from ID-porten are issued for.')
param citizenTokenAudience string = 'https://helsenorge.no/citizen-services'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

// The prefix of the identity-based Service Bus settings. Every function.json Service Bus binding names it in
// `connection`; the deployment tests fail when one names anything else.
var serviceBusConnectionName = 'ServiceBusConnection'

// Mirrors functions/CitizenServices.Infrastructure/Storage/StorageNames.cs: the app gets data-plane roles only and
// cannot create these itself. The deployment tests compare the two lists.
var storageTables = ['outbox', 'outboxpending', 'inbox', 'accesslog', 'representationsbyrepresentative', 'people', 'fullmaktexpiry', 'consent', 'consentbydefinition', 'nettlegepilots', 'nettlegetriage', 'nettlegeconsultations', 'schedules', 'schedulecatalog', 'appointments']
var storageContainers = ['documents']
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
    principalId: identity.outputs.principalId
    developerPrincipalId: grantDeveloperAccess ? principalId : ''
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
    instanceMemoryMB: instanceMemoryMB
    appSettings: {
      AzureWebJobsStorage__accountName: storage.outputs.name
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.outputs.clientId
      ServiceBusConnection__fullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
      ServiceBusConnection__credential: 'managedidentity'
      ServiceBusConnection__clientId: identity.outputs.clientId
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
      // Citizens: ID-porten tokens; signing keys come from its discovery document (appsettings.json).
      Authentication__IdPorten__Audience: citizenTokenAudience
    }
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output SERVICE_BUS_CONNECTION_NAME string = serviceBusConnectionName
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
