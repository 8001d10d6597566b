namespace CitizenServices.IntegrationTests.Support;

/// <summary>
/// Test classes that commit many outbox events to the app's own tables, or run the relay over them, run one after the
/// other: the relay takes a bounded batch per run, so a thousand pending events from one class would crowd another
/// class's event out of the batch it expects to see.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OutboxVolume
{
    public const string Name = "Outbox volume";
}
