// Service Bus namespace with every entity the function.json bindings use. Local (SAS) auth is off: the app
// connects with its managed identity, and each role is granted on the one entity it is needed for, so a
// compromised handler can neither read queues it does not consume nor send where it does not publish.
// The deployment tests parse the compiled template and fail when a binding names an entity, or a role, that is
// not here.
param name string
param location string
param tags object

@description('The function app identity.')
param principalId string

@description('Optional person given send and receive access on the whole namespace, for testing with func start; empty for none.')
param developerPrincipalId string = ''

@allowed(['Standard', 'Premium'])
@description('Standard, or Premium where private endpoints are needed (networkIsolation).')
param skuName string = 'Standard'

@allowed(['Enabled', 'Disabled'])
param publicNetworkAccess string = 'Enabled'

var roles = {
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
}

// Which event types each subscription receives, and the topic's duplicate detection window. The LocalHost's Service Bus
// stand-in reads the same file, so local runs filter and deduplicate exactly as deployed (docs/events.md).
var routing = loadJsonContent('citizen-events-routing.json')

// Redelivery budget for transient faults. The handler acknowledges poison input itself (parks it with its reason),
// so reaching this count means the handler kept failing, and the message belongs in the dead-letter queue.
var maxDeliveryCount = 10

// Comfortably longer than one invocation's normal run; the host renews the lock for longer ones.
var lockDuration = 'PT1M'

// Undelivered messages older than this are dead-lettered rather than silently dropped.
var messageTimeToLive = 'P14D'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
    capacity: skuName == 'Premium' ? 1 : null
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: publicNetworkAccess
  }
}

// commands from child welfare case systems (CareRelationsInbox)
resource careRelationsInbound 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: 'care-relations-inbound'
  properties: {
    maxDeliveryCount: maxDeliveryCount
    lockDuration: lockDuration
    defaultMessageTimeToLive: messageTimeToLive
    deadLetteringOnMessageExpiration: true
  }
}

// notification requests for the notification service (Notifier sends)
resource notificationsOutbound 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: 'notifications-outbound'
  properties: {
    maxDeliveryCount: maxDeliveryCount
    lockDuration: lockDuration
    defaultMessageTimeToLive: messageTimeToLive
    deadLetteringOnMessageExpiration: true
  }
}

// messages for the citizen's regular GP (FastlegeInformer sends)
resource fastlegeOutbound 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: 'fastlege-outbound'
  properties: {
    maxDeliveryCount: maxDeliveryCount
    lockDuration: lockDuration
    defaultMessageTimeToLive: messageTimeToLive
    deadLetteringOnMessageExpiration: true
  }
}

// Domain events, published by the handler with the Service Bus SDK (MessageId = event id, Subject = type). Duplicate
// detection drops a second send of the same event within the window: the sweep re-sends rows whose delete failed after
// a successful send, at most a minute or two later. The setting cannot be changed on an existing topic; see
// docs/deployment.md before deploying this over a topic created without it.
resource citizenEvents 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: routing.topic
  properties: {
    defaultMessageTimeToLive: messageTimeToLive
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: routing.duplicateDetectionHistoryTimeWindow
  }
}

// events that produce a notification (Notifier)
resource notifications 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: citizenEvents
  name: 'notifications'
  properties: {
    maxDeliveryCount: maxDeliveryCount
    lockDuration: lockDuration
    defaultMessageTimeToLive: messageTimeToLive
    deadLetteringOnMessageExpiration: true
  }
}

// Replaces the default rule (which takes every message): only the types the Notifier turns into notifications.
resource notificationsFilter 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = {
  parent: notifications
  name: '$Default'
  properties: {
    filterType: 'SqlFilter'
    sqlFilter: {
      sqlExpression: 'sys.Label IN (\'${join(routing.subscriptions.notifications, '\', \'')}\')'
    }
  }
}

// events the regular GP is told about (FastlegeInformer)
resource fastlege 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: citizenEvents
  name: 'fastlege'
  properties: {
    maxDeliveryCount: maxDeliveryCount
    lockDuration: lockDuration
    defaultMessageTimeToLive: messageTimeToLive
    deadLetteringOnMessageExpiration: true
  }
}

// One type, so a correlation filter on the subject (cheaper for the broker than a SQL expression).
resource fastlegeFilter 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = {
  parent: fastlege
  name: '$Default'
  properties: {
    filterType: 'CorrelationFilter'
    correlationFilter: {
      label: first(routing.subscriptions.fastlege)
    }
  }
}

// Data Owner where a function is triggered: the Functions scale controller's Service Bus monitor reads the entity's
// message counts, which needs the Manage claim; with Receiver alone the app scales one instance at a time. Send where a
// function has an output binding, and on the topic the handler publishes to.

resource careRelationsInboundOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(careRelationsInbound.id, principalId, roles.serviceBusDataOwner)
  scope: careRelationsInbound
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource notificationsOutboundSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(notificationsOutbound.id, principalId, roles.serviceBusDataSender)
  scope: notificationsOutbound
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource fastlegeOutboundSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(fastlegeOutbound.id, principalId, roles.serviceBusDataSender)
  scope: fastlegeOutbound
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource citizenEventsSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(citizenEvents.id, principalId, roles.serviceBusDataSender)
  scope: citizenEvents
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource notificationsOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(notifications.id, principalId, roles.serviceBusDataOwner)
  scope: notifications
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource fastlegeOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(fastlege.id, principalId, roles.serviceBusDataOwner)
  scope: fastlege
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource developerSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(developerPrincipalId)) {
  name: guid(namespace.id, developerPrincipalId, roles.serviceBusDataSender)
  scope: namespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
    principalId: developerPrincipalId
    principalType: 'User'
  }
}

resource developerReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(developerPrincipalId)) {
  name: guid(namespace.id, developerPrincipalId, roles.serviceBusDataReceiver)
  scope: namespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
    principalId: developerPrincipalId
    principalType: 'User'
  }
}

output name string = namespace.name
output id string = namespace.id
// The host name the identity-based connection needs (`<prefix>__fullyQualifiedNamespace`), without scheme or port.
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
