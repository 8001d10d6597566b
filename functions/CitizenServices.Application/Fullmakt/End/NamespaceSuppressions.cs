using System.Diagnostics.CodeAnalysis;

// One folder and namespace per use case, named after it; "End" is a Visual Basic keyword, and no VB consumer exists.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace",
    Target = "~N:CitizenServices.Application.Fullmakt.End", Justification = "Use-case folder name; the app has no Visual Basic consumers.")]
