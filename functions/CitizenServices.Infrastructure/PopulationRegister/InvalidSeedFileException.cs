namespace CitizenServices.Infrastructure.PopulationRegister;

/// <summary>The seed file cannot be used; <see cref="Exception.Message"/> lists every problem found.</summary>
public sealed class InvalidSeedFileException : Exception
{
    public InvalidSeedFileException()
        : this("The population register seed file is invalid.")
    {
    }

    public InvalidSeedFileException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public InvalidSeedFileException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public InvalidSeedFileException(string source, IReadOnlyList<string> problems)
        : base(Format(source, problems))
    {
        Problems = problems;
    }

    /// <summary>Each problem on its own, e.g. <c>people[3] (Lukas Olsen): parentsWithParentalResponsibility[0] ...</c>.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Format(string source, IReadOnlyList<string> problems) =>
        $"Population register seed file '{source}' is invalid ({problems.Count} problem(s)):"
        + string.Concat(problems.Select(problem => $"{Environment.NewLine} - {problem}"));
}
