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

var roles = {
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
}

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
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
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

// Domain events published by OutboxRelay; every consumer has its own subscription.
resource citizenEvents 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: 'citizen-events'
  properties: {
    defaultMessageTimeToLive: messageTimeToLive
  }
}

// every event, so OutboxConfirm can delete its outbox row
resource outboxConfirm 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: citizenEvents
  name: 'outbox-confirm'
  properties: {
    maxDeliveryCount: maxDeliveryCount
    lockDuration: lockDuration
    defaultMessageTimeToLive: messageTimeToLive
    deadLetteringOnMessageExpiration: true
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

// Receive where a function is triggered, send where a function has an output binding.

resource careRelationsInboundReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(careRelationsInbound.id, principalId, roles.serviceBusDataReceiver)
  scope: careRelationsInbound
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
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

resource outboxConfirmReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(outboxConfirm.id, principalId, roles.serviceBusDataReceiver)
  scope: outboxConfirm
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource notificationsReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(notifications.id, principalId, roles.serviceBusDataReceiver)
  scope: notifications
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource fastlegeReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(fastlege.id, principalId, roles.serviceBusDataReceiver)
  scope: fastlege
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
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
// The host name the identity-based connection needs (`<prefix>__fullyQualifiedNamespace`), without scheme or port.
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
