namespace CitizenServices.UnitTests.Identity;

/// <summary>Rule: an organisation number is nine digits whose last is the mod-11 control digit (weights 3 2 7 6 5 4 3 2).</summary>
public sealed class OrganisationNumberTests
{
    [Theory]
    [InlineData("974589095")] // a hospital trust's published number
    [InlineData("983658725")]
    [InlineData("310000019")] // the synthetic seed hospital
    public void TryParse_WhenTheControlDigitMatches_Accepts(string text)
    {
        Assert.True(OrganisationNumber.TryParse(text, out var number));
        Assert.Equal(text, number.Value);
        Assert.Equal(text, number.ToString());
    }

    [Theory]
    [InlineData("974589096")] // control digit off by one
    [InlineData("310000018")]
    [InlineData("91000008")]  // eight digits
    [InlineData("9100000800")] // ten digits
    [InlineData("910000080")] // remainder 10: never issued
    [InlineData("97458909a")]
    [InlineData(" 974589095")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_WhenNotNineDigitsWithAValidControlDigit_Refuses(string? text)
    {
        Assert.False(OrganisationNumber.TryParse(text, out _));
    }
}

/// <summary>Rule: an HPR number is 4 to 9 digits without a leading zero.</summary>
public sealed class HprNumberTests
{
    [Theory]
    [InlineData("565501872", true)]
    [InlineData("9144889", true)]
    [InlineData("1234", true)]
    [InlineData("123", false)]
    [InlineData("1234567890", false)]
    [InlineData("0565501872", false)]
    [InlineData("05655018", false)]
    [InlineData("56550187x", false)]
    [InlineData(null, false)]
    public void TryParse_WhenGiven_AcceptsOnlyFourToNineDigitsWithoutLeadingZero(string? text, bool valid)
    {
        Assert.Equal(valid, HprNumber.TryParse(text, out _));
    }
}
