namespace CitizenServices.UnitTests.Identity;

public sealed class NationalIdentityNumberRedactionTests
{
    [Fact]
    public void Redact_WhenTextHoldsSeveralValidNumbers_MasksEveryOne()
    {
        const string text = "parent 01018012371 acts for child 41018012365; test user 01818012337.";

        Assert.Equal(
            "parent 010180***** acts for child 410180*****; test user 018180*****.",
            NationalIdentityNumberRedaction.Redact(text));
    }

    [Theory]
    [InlineData("01018012371", "010180*****")]
    [InlineData("fnr=01018012371&x=1", "fnr=010180*****&x=1")]
    [InlineData("id01018012371x", "id010180*****x")]
    [InlineData("{\"pid\":\"01018012371\"}", "{\"pid\":\"010180*****\"}")]
    public void Redact_WhenNumberIsBoundedByNonDigits_MasksIt(string text, string expected)
    {
        Assert.Equal(expected, NationalIdentityNumberRedaction.Redact(text));
    }

    [Fact]
    public void Redact_WhenNumberIsWrittenWithASpaceAfterTheDate_MasksIt()
    {
        Assert.Equal("born 010180 *****.", NationalIdentityNumberRedaction.Redact("born 010180 12371."));
    }

    [Theory]
    [InlineData("order 01018012372 shipped")] // second control digit wrong
    [InlineData("trace 12345678901")] // eleven digits, no valid date
    [InlineData("account 1234 56 78901")]
    [InlineData("phone +47 010 18 012 371")]
    [InlineData("010180 1237")] // spaced form with only four digits after the space
    public void Redact_WhenElevenDigitsAreNotAValidNumber_LeavesTextUnchanged(string text)
    {
        Assert.Same(text, NationalIdentityNumberRedaction.Redact(text));
    }

    [Theory]
    [InlineData("9901018012371")] // a valid number inside a longer digit run
    [InlineData("010180123710")]
    public void Redact_WhenValidDigitsArePartOfALongerDigitRun_LeavesTextUnchanged(string text)
    {
        Assert.Same(text, NationalIdentityNumberRedaction.Redact(text));
    }

    [Fact]
    public void Redact_WhenValidAndInvalidRunsAreMixed_MasksOnlyTheValid()
    {
        Assert.Equal(
            "01018012372 010180***** 12345678901",
            NationalIdentityNumberRedaction.Redact("01018012372 01018012371 12345678901"));
    }

    [Fact]
    public void Redact_WhenNothingMatches_ReturnsTheSameInstanceWithoutAllocating()
    {
        var text = "GET /api/appointments/12345678901?page=2 took 31 ms for user 42 " + new string('7', 200);
        NationalIdentityNumberRedaction.Redact(text); // warm up (JIT, static init)

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = NationalIdentityNumberRedaction.Redact(text);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Same(text, result);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ContainsNumber_WhenTextHoldsOnlyInvalidRuns_IsFalse()
    {
        Assert.False(NationalIdentityNumberRedaction.ContainsNumber("01018012372 and 12345678901"));
        Assert.True(NationalIdentityNumberRedaction.ContainsNumber("x 01018012371"));
    }
}
