// One account for the Functions host (AzureWebJobsStorage, deployment package) and the app's own data.
// Shared keys are off: the host and the handler authenticate with the user-assigned identity only.
param name string
param location string
param tags object

@description('Tables the app uses (StorageNames.Tables).')
param tableNames array

@description('Blob containers the app uses (StorageNames.Containers).')
param containerNames array

@description('Storage queues the app uses (StorageNames.Queues).')
param queueNames array

@description('Container Flex Consumption deploys the package from.')
param deploymentContainerName string

@description('Container the access-log chain heads are anchored in; created with a time-based immutability (WORM) policy.')
param anchorContainerName string

@description('Days each blob in the anchor container is immutable.')
param anchorRetentionDays int

@description('Container the table exports are written to.')
param backupContainerName string

@description('Days an export is kept before lifecycle management deletes it.')
param backupRetentionDays int

@allowed(['Standard_ZRS', 'Standard_GZRS'])
@description('Zone-redundant by default; GZRS adds an asynchronous copy in the paired region.')
param skuName string

@description('Days deleted blobs, versions and containers stay recoverable.')
param softDeleteDays int

@allowed(['Enabled', 'Disabled'])
@description('Disabled with network isolation: the account is then reachable only through its private endpoints.')
param publicNetworkAccess string

@description('The function app identity.')
param principalId string

@description('Optional person given read access for debugging; empty for none.')
param developerPrincipalId string = ''

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  storageTableDataReader: '76199698-9eea-4c19-bc75-cec21354c6b6'
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: skuName }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: publicNetworkAccess
    networkAcls: {
      // With public access disabled nothing public gets in anyway; Deny also covers a later switch back to Enabled.
      defaultAction: publicNetworkAccess == 'Disabled' ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// Deleted or overwritten blobs (consent texts, exports, the deployment package) stay recoverable for softDeleteDays:
// every overwrite keeps the previous version, and deleted containers can be undeleted.
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
  }
}

// The access-log chain heads, written periodically by the AccessLogAnchor function. Time-based retention makes every
// anchor blob impossible to overwrite or delete until it is anchorRetentionDays old, for anyone, including the account
// owner: so rewriting the access-log table (which its contributors can) no longer goes unnoticed. The policy is created
// unlocked (Bicep cannot lock it); lock it once with `az storage container immutability-policy lock` (docs/deployment.md).
resource anchorContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: anchorContainerName
  properties: { publicAccess: 'None' }
}

resource anchorRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = {
  parent: anchorContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: anchorRetentionDays
    allowProtectedAppendWrites: false
  }
}

resource backupContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: backupContainerName
  properties: { publicAccess: 'None' }
}

// Exports expire after backupRetentionDays; earlier versions of any blob (overwritten consent texts, deployment
// packages) after softDeleteDays, so versioning does not grow storage without bound.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-table-exports'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['${backupContainerName}/']
            }
            actions: {
              baseBlob: {
                delete: { daysAfterCreationGreaterThan: backupRetentionDays }
              }
            }
          }
        }
        {
          name: 'expire-previous-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
            }
            actions: {
              version: {
                delete: { daysAfterCreationGreaterThan: softDeleteDays }
              }
            }
          }
        }
      ]
    }
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: { publicAccess: 'None' }
  }
]

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

// Account scope rather than per table/container: the Functions host creates its own containers (azure-webjobs-hosts,
// azure-webjobs-secrets) and timer/queue bookkeeping at run time, so it needs the account. Owner (not Contributor)
// on blobs is what the Flex host asks for on its deployment and host containers.
resource blobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, principalId, roles.storageBlobDataOwner)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, principalId, roles.storageTableDataContributor)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, principalId, roles.storageQueueDataContributor)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource developerBlobReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(developerPrincipalId)) {
  name: guid(account.id, developerPrincipalId, roles.storageBlobDataReader)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataReader)
    principalId: developerPrincipalId
    principalType: 'User'
  }
}

resource developerTableReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(developerPrincipalId)) {
  name: guid(account.id, developerPrincipalId, roles.storageTableDataReader)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataReader)
    principalId: developerPrincipalId
    principalType: 'User'
  }
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output tableEndpoint string = account.properties.primaryEndpoints.table
output queueEndpoint string = account.properties.primaryEndpoints.queue
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
