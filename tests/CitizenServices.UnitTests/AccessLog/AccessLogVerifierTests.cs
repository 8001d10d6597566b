using static CitizenServices.UnitTests.AccessLog.AccessLogTestData;

namespace CitizenServices.UnitTests.AccessLog;

public sealed class AccessLogVerifierTests
{
    private static List<(AccessLogProblemKind Kind, long First, long Last)> Found(AccessLogVerification verification) =>
        verification.Problems.Select(p => (p.Kind, p.FirstSequence, p.LastSequence)).ToList();

    [Fact]
    public void Verify_WhenChainIsIntact_ReportsNoProblems()
    {
        var chain = Chain(5);

        var verification = AccessLogVerifier.Verify(chain, HeadOf(chain));

        Assert.True(verification.IsIntact);
        Assert.Empty(verification.Problems);
        Assert.Equal(5, verification.EntriesChecked);
        Assert.Equal(5, verification.HeadSequence);
    }

    [Fact]
    public void Verify_WhenLogIsEmptyAndHasNoHead_IsIntact()
    {
        Assert.True(AccessLogVerifier.Verify([], null).IsIntact);
    }

    [Fact]
    public void Verify_WhenAFieldIsAltered_ReportsAlteredEntry()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Action = AccessLogAction.Write(chain[2].Action.Operation) };

        var verification = AccessLogVerifier.Verify(chain, HeadOf(chain));

        Assert.Equal([(AccessLogProblemKind.AlteredEntry, 3, 3)], Found(verification));
    }

    [Fact]
    public void Verify_WhenAlteredEntryIsRehashed_ReportsBrokenLinkAtTheNextEntry()
    {
        var chain = Chain(5);
        chain[2] = Rehashed(chain[2] with { Basis = AccessLogBasis.Self });

        var verification = AccessLogVerifier.Verify(chain, HeadOf(chain));

        Assert.Equal([(AccessLogProblemKind.BrokenLink, 4, 4)], Found(verification));
    }

    [Fact]
    public void Verify_WhenAMiddleEntryIsDeleted_ReportsRemovedEntries()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);

        var verification = AccessLogVerifier.Verify(chain, HeadOf(chain));

        Assert.Equal([(AccessLogProblemKind.RemovedEntries, 3, 3)], Found(verification));
    }

    [Fact]
    public void Verify_WhenSeveralMiddleEntriesAreDeleted_ReportsTheWholeRange()
    {
        var chain = Chain(8);
        chain.RemoveRange(2, 4);

        var verification = AccessLogVerifier.Verify(chain, HeadOf(chain));

        Assert.Equal([(AccessLogProblemKind.RemovedEntries, 3, 6)], Found(verification));
    }

    [Fact]
    public void Verify_WhenAnEntryIsDeletedAndTheRestRenumberedAndRehashed_ReportsBrokenLink()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);
        for (var i = 2; i < chain.Count; i++)
        {
            chain[i] = Rehashed(chain[i] with { Sequence = i + 1 });
        }

        var verification = AccessLogVerifier.Verify(chain, HeadOf(chain));

        Assert.Contains((AccessLogProblemKind.BrokenLink, 3, 3), Found(verification));
    }

    [Fact]
    public void Verify_WhenTheOldestEntryIsDeleted_ReportsRemovedEntriesFromOne()
    {
        var chain = Chain(3);
        chain.RemoveAt(0);

        var verification = AccessLogVerifier.Verify(chain, HeadOf(chain));

        Assert.Equal([(AccessLogProblemKind.RemovedEntries, 1, 1)], Found(verification));
    }

    [Fact]
    public void Verify_WhenTheNewestEntryIsDeleted_ReportsRemovedNewestEntriesFromTheHead()
    {
        var chain = Chain(5);
        var head = HeadOf(chain);
        chain.RemoveAt(4);

        var verification = AccessLogVerifier.Verify(chain, head);

        Assert.Equal([(AccessLogProblemKind.RemovedNewestEntries, 5, 5)], Found(verification));
    }

    [Fact]
    public void Verify_WhenEveryEntryIsDeletedButTheHeadRemains_ReportsAllAsRemovedNewestEntries()
    {
        var head = HeadOf(Chain(3));

        var verification = AccessLogVerifier.Verify([], head);

        Assert.Equal([(AccessLogProblemKind.RemovedNewestEntries, 1, 3)], Found(verification));
    }

    [Fact]
    public void Verify_WhenEntriesExistWithoutHead_ReportsMissingHead()
    {
        var chain = Chain(3);

        var verification = AccessLogVerifier.Verify(chain, null);

        Assert.Equal([(AccessLogProblemKind.MissingHead, 3, 3)], Found(verification));
    }

    [Fact]
    public void Verify_WhenNewestEntryIsReplacedByAValidLookingOne_ReportsHeadMismatch()
    {
        var chain = Chain(3);
        var head = HeadOf(chain);
        chain[2] = Rehashed(chain[2] with { CorrelationId = "forged" });

        var verification = AccessLogVerifier.Verify(chain, head);

        Assert.Equal([(AccessLogProblemKind.HeadMismatch, 3, 3)], Found(verification));
    }

    [Fact]
    public void Verify_WhenEntriesWereAddedBeyondTheHead_ReportsHeadMismatch()
    {
        var chain = Chain(4);

        var verification = AccessLogVerifier.Verify(chain, HeadOf(chain[..2]));

        Assert.Equal([(AccessLogProblemKind.HeadMismatch, 3, 4)], Found(verification));
    }

    [Fact]
    public void Verify_WhenTwoEntriesAreSwapped_ReportsReorderedOnly()
    {
        var chain = Chain(5);
        (chain[1], chain[3]) = (chain[3], chain[1]);

        var verification = AccessLogVerifier.Verify(chain, HeadOf(Chain(5)));

        Assert.NotEmpty(verification.Problems);
        Assert.All(verification.Problems, p => Assert.Equal(AccessLogProblemKind.Reordered, p.Kind));
    }

    [Fact]
    public void Verify_WhenAnEntryIsDuplicated_ReportsDuplicateSequence()
    {
        var chain = Chain(3);
        chain.Insert(2, chain[1]);

        var verification = AccessLogVerifier.Verify(chain, HeadOf(chain));

        Assert.Equal([(AccessLogProblemKind.DuplicateSequence, 2, 2)], Found(verification));
    }

    [Fact]
    public void Verify_WhenAnEntryOfAnotherPrincipalIsSpliced_ReportsForeignEntry()
    {
        var chain = Chain(3);
        chain[1] = Chain(3, OtherPerson)[1];

        var verification = AccessLogVerifier.Verify(chain, HeadOf(chain));

        Assert.Contains((AccessLogProblemKind.ForeignEntry, 2, 2), Found(verification));
    }

    [Fact]
    public void Verify_WhenFormatVersionIsUnknown_ReportsUnknownFormat()
    {
        var chain = Chain(2);
        chain[1] = chain[1] with { FormatVersion = 99 };

        var verification = AccessLogVerifier.Verify(chain, HeadOf(chain));

        Assert.Equal([(AccessLogProblemKind.UnknownFormat, 2, 2)], Found(verification));
    }

    [Fact]
    public void Verify_WhenSeveralProblemsExist_ReportsEachOfThem()
    {
        var chain = Chain(6);
        var head = HeadOf(chain);
        chain[0] = chain[0] with { Channel = AccessLogChannels.SectorSystem };
        chain.RemoveAt(5);
        chain.RemoveAt(2);

        var verification = AccessLogVerifier.Verify(chain, head);

        Assert.Equal(
            [(AccessLogProblemKind.AlteredEntry, 1, 1), (AccessLogProblemKind.RemovedEntries, 3, 3), (AccessLogProblemKind.RemovedNewestEntries, 6, 6)],
            Found(verification));
    }

    [Fact]
    public void Verify_WhenProblemsAreFound_DescriptionsHoldNoIdentityNumber()
    {
        var chain = Chain(4);
        var head = HeadOf(chain);
        chain[0] = chain[0] with { Channel = AccessLogChannels.SectorSystem };
        chain.RemoveAt(3);
        chain.RemoveAt(1);

        var verification = AccessLogVerifier.Verify(chain, head);

        Assert.NotEmpty(verification.Problems);
        Assert.All(verification.Problems, p =>
        {
            Assert.DoesNotContain(Principal.Value, p.Description, StringComparison.Ordinal);
            Assert.DoesNotContain(Representative.Value, p.Description, StringComparison.Ordinal);
        });
    }
}
