namespace CitizenServices.Domain.Nettlege;

/// <summary>
/// A rule a nettlege request breaks: a stable <see cref="Code"/> (the problem type's last segment), the request
/// <see cref="Field"/> at fault (a JSON path such as <c>openingHours[1].closes</c>) and a reason for people.
/// </summary>
public sealed record NettlegeProblem(string Code, string Field, string Detail);
