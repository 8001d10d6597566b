// What operators are told about (docs/deployment.md, "Alerts"). Every alert notifies actionGroupId when one is given;
// without one they still fire and show under Monitor > Alerts.
param namePrefix string
param location string
param tags object

@description('Resource id of the action group to notify; empty for none.')
param actionGroupId string

param serviceBusNamespaceId string
param storageAccountId string
param applicationInsightsId string

@description('The function app (site) name: the Functions host reports its invocations under it as cloud_RoleName.')
param functionAppName string

@description('Failed function invocations in 15 minutes above which the failure alert fires.')
param functionFailureThreshold int = 5

@description('Share of API requests answered with a 5xx, in percent, above which the 5xx alert fires.')
param serverErrorPercentThreshold int = 5

@description('Age in seconds of the oldest unpublished outbox event above which the relay-lag alert fires.')
param outboxLagSecondsThreshold int = 300

@description('Register-feed lag in seconds above which the feed-lag alert fires.')
param registerFeedLagSecondsThreshold int = 1800

// The handler's OpenTelemetry service name (Observability/Telemetry.cs) is its cloud_RoleName in Application Insights.
var handlerRoleName = 'citizen-services'

// Instruments of the "CitizenServices" meter (Observability/Telemetry.cs); the Azure Monitor exporter writes each to
// customMetrics under its instrument name.
var outboxLagMetric = 'citizen_services.outbox.oldest_pending_age_seconds'
var registerFeedLagMetric = 'citizen_services.register.feed_lag_seconds'

var actions = empty(actionGroupId) ? [] : [{ actionGroupId: actionGroupId }]
var queryActions = { actionGroups: empty(actionGroupId) ? [] : [actionGroupId] }

// One time series per queue and topic (EntityName '*'): any dead-lettered message fires, naming the entity. Dead letters
// of a subscription count towards its topic. The alert resolves itself once the dead-letter queue is emptied.
resource deadLetters 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-deadletters-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    description: 'Messages in a Service Bus dead-letter queue: a consumer kept failing (MaxDeliveryCount) or messages expired. See docs/events.md for how to inspect and resubmit them.'
    severity: 1
    enabled: true
    scopes: [serviceBusNamespaceId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'deadlettered'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          timeAggregation: 'Maximum'
          operator: 'GreaterThan'
          threshold: 0
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: ['*']
            }
          ]
        }
      ]
    }
    actions: actions
  }
}

resource storageAvailability 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-storage-availability-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    description: 'Storage availability below 99 %: tables and blobs (all health data) are failing requests.'
    severity: 1
    enabled: true
    scopes: [storageAccountId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'availability'
          metricNamespace: 'Microsoft.Storage/storageAccounts'
          metricName: 'Availability'
          timeAggregation: 'Average'
          operator: 'LessThan'
          threshold: 99
        }
      ]
    }
    actions: actions
  }
}

var queryRules = [
  {
    name: 'function-failures'
    description: 'Function invocations reported as failed by the Functions host (non-2xx from the handler, timeouts).'
    severity: 2
    query: 'requests | where cloud_RoleName =~ \'${functionAppName}\' and success == false | summarize failures = count()'
    measure: 'failures'
    aggregation: 'Total'
    threshold: functionFailureThreshold
  }
  {
    name: 'http-5xx-rate'
    description: 'Share of API requests answered with a server error (5xx), in percent, when at least 20 requests arrived.'
    severity: 2
    query: 'requests | where cloud_RoleName == \'${handlerRoleName}\' and url has \'/api/\' | summarize total = count(), errors = countif(toint(resultCode) >= 500) | where total >= 20 | extend percent = 100.0 * errors / total'
    measure: 'percent'
    aggregation: 'Maximum'
    threshold: serverErrorPercentThreshold
  }
  {
    name: 'outbox-relay-lag'
    description: 'The oldest committed event not yet published to Service Bus is older than the threshold (seconds): the relay is stuck or failing.'
    severity: 2
    query: 'customMetrics | where name == \'${outboxLagMetric}\' | summarize lag = max(value)'
    measure: 'lag'
    aggregation: 'Maximum'
    threshold: outboxLagSecondsThreshold
  }
  {
    name: 'register-feed-lag'
    description: 'Changes from the population register feed are processed later than the threshold (seconds) after they happened.'
    severity: 2
    query: 'customMetrics | where name == \'${registerFeedLagMetric}\' | summarize lag = max(value)'
    measure: 'lag'
    aggregation: 'Maximum'
    threshold: registerFeedLagSecondsThreshold
  }
]

resource logAlerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in queryRules: {
    name: 'alert-${rule.name}-${namePrefix}'
    location: location
    tags: tags
    properties: {
      displayName: rule.name
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [applicationInsightsId]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      autoMitigate: true
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: rule.aggregation
            metricMeasureColumn: rule.measure
            operator: 'GreaterThan'
            threshold: rule.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      actions: queryActions
    }
  }
]
