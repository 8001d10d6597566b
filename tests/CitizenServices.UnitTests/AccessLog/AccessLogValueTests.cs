using static CitizenServices.UnitTests.AccessLog.AccessLogTestData;

namespace CitizenServices.UnitTests.AccessLog;

public sealed class AccessLogValueTests
{
    [Theory]
    [InlineData("/api/v1/persons/{subject}/appointments?from=2025-01-01")]
    [InlineData("/api/v1/persons/{subject}#top")]
    [InlineData("api/v1/persons/{subject}")]
    [InlineData("")]
    public void AccessLogResource_WhenTemplateIsNotAPathTemplate_IsRejected(string template)
    {
        Assert.ThrowsAny<ArgumentException>(() => new AccessLogResource(template));
    }

    [Theory]
    [InlineData("sub ject", "x")]
    [InlineData("1subject", "x")]
    [InlineData("subject", "")]
    [InlineData("subject", "line\nbreak")]
    public void AccessLogResource_WhenAnIdIsInvalid_IsRejected(string name, string value)
    {
        Assert.ThrowsAny<ArgumentException>(() => new AccessLogResource("/api/v1/persons/{subject}", [new(name, value)]));
    }

    [Fact]
    public void AccessLogResource_WhenIdsDifferOnlyInOrder_AreEqual()
    {
        var a = new AccessLogResource("/a/{x}/{y}", [new("x", "1"), new("y", "2")]);
        var b = new AccessLogResource("/a/{x}/{y}", [new("y", "2"), new("x", "1")]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new AccessLogResource("/a/{x}/{y}", [new("x", "1"), new("y", "3")]));
    }

    [Theory]
    [InlineData("Fullmakt")]
    [InlineData("foster parent")]
    [InlineData("-self")]
    [InlineData("")]
    public void AccessLogBasis_WhenKindIsNotALowercaseCode_IsRejected(string kind)
    {
        Assert.ThrowsAny<ArgumentException>(() => new AccessLogBasis(kind));
    }

    [Fact]
    public void AccessLogValues_WhenAnIdentityNumberIsPassedWhereACodeOrNameBelongs_ErrorMessagesDoNotEchoIt()
    {
        var errors = new[]
        {
            Assert.ThrowsAny<ArgumentException>(() => new AccessLogBasis(Principal.Value)),
            Assert.ThrowsAny<ArgumentException>(() => new AccessLogResource("/x", [new(Principal.Value, "1")])),
            Assert.ThrowsAny<ArgumentException>(() => new AccessLogDraft(
                AccessLogActor.System("s"), AccessLogBasis.Self, AccessLogAction.Read("x"), new AccessLogResource("/x"), "c", Principal.Value)),
        };

        Assert.All(errors, e => Assert.DoesNotContain(Principal.Value, e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void AccessLogBasis_WhenRelationIdIsEmpty_IsRejectedSoThatOnlyNullMeansNone()
    {
        Assert.ThrowsAny<ArgumentException>(() => new AccessLogBasis(AccessLogBasisKinds.Fullmakt, string.Empty));
    }

    [Fact]
    public void AccessLogDraft_WhenCorrelationIdHasALoneSurrogate_IsRejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => new AccessLogDraft(
            AccessLogActor.System("case-system-1"), AccessLogBasis.Self, AccessLogAction.Read("x"),
            new AccessLogResource("/x"), "corr-\ud800", AccessLogChannels.CaseSystem));
    }

    [Fact]
    public void AccessLogActor_WhenCreatedAsPersonWithAnInvalidNumber_IsRejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => AccessLogActor.Create(AccessLogActorKind.Person, "01859010072"));
    }

    [Fact]
    public void AccessLogActor_TryGetPerson_WhenActorIsAPerson_ReturnsTheNumber()
    {
        Assert.True(AccessLogActor.Person(Representative).TryGetPerson(out var person));
        Assert.Equal(Representative, person);
        Assert.False(AccessLogActor.Workforce("caseworker-1").TryGetPerson(out _));
    }

    [Fact]
    public void AccessLogEntry_ToString_WhenEntryHoldsIdentityNumbers_ShowsThemMaskedOnly()
    {
        var text = Chain(1)[0].ToString();

        Assert.DoesNotContain(Principal.Value, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Representative.Value, text, StringComparison.Ordinal);
        Assert.Contains(Principal.Masked, text, StringComparison.Ordinal);
        Assert.Contains(Representative.Masked, text, StringComparison.Ordinal);
    }

    [Fact]
    public void AccessLogHash_TryParse_WhenNotLowercaseHexOf64_Fails()
    {
        var valid = AccessLogHash.Of([1, 2, 3]).Hex;

        Assert.True(AccessLogHash.TryParse(valid, out _));
        Assert.False(AccessLogHash.TryParse(valid.ToUpperInvariant(), out _));
        Assert.False(AccessLogHash.TryParse(valid[..63], out _));
        Assert.False(AccessLogHash.TryParse(null, out _));
    }

    [Fact]
    public void AccessLogRetention_KeepUntil_IsFiveYearsAfterTheEntry()
    {
        var entry = Chain(1)[0];

        Assert.Equal(entry.OccurredAt.AddYears(5), AccessLogRetention.KeepUntil(entry));
    }
}
