using CitizenServices.DevTokens;

// Prints a token signed with the development key, which the handler trusts only in Development.
//   scripts/dev-token.sh citizen 14838510036 [high|substantial]
//   scripts/dev-token.sh workforce CareRelations.Manage 0301
//   scripts/dev-token.sh sector 310000019 consents.read [--sub-unit 310000027] [--hpr 565501872]
//   scripts/dev-token.sh dpop GET http://127.0.0.1:7071/api/v1/... "$TOKEN"
const string ScopePrefix = "nhn:helsenorge-citizen-services/";
const string Usage = """
    usage:
      citizen <national identity number> [high|substantial]
      workforce <role>[,<role>...] [<kommunenummer>]
      sector <organisation number> <scope>... [--sub-unit <organisation number>] [--hpr <HPR number>]
      dpop <method> <url> <access token>
    roles: CareRelations.Manage, Nettlege.Administer, Consultations.Complete, Registry.Read, Representation.Administer, Schedules.Manage
    scopes: consents.read, consents.list, representation.read (short for nhn:helsenorge-citizen-services/...)
    A sector token is a HelseID DPoP token bound to the development DPoP key: send it as "Authorization: DPoP <token>"
    with a new "DPoP: <proof>" header per request, from the dpop command.
    """;

if (args.Length < 2)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

switch (args[0])
{
    case "citizen":
        var level = args.Length > 2 ? args[2] : "high";
        if (level is not ("high" or "substantial"))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        Console.WriteLine(TokenFactory.Development().Citizen(args[1], "idporten-loa-" + level));
        return 0;
    case "workforce":
        Console.WriteLine(TokenFactory.Development().Workforce(args[1].Split(','), args.Length > 2 ? args[2] : null));
        return 0;
    case "sector":
        return Sector(args.Skip(1).ToList());
    case "dpop" when args.Length == 4:
        Console.WriteLine(DPoPKey.Development().Proof(args[1].ToUpperInvariant(), args[2], args[3]));
        return 0;
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}

static int Sector(List<string> arguments)
{
    string? subUnit = null;
    string? hpr = null;
    var positional = new List<string>();
    for (var i = 0; i < arguments.Count; i++)
    {
        switch (arguments[i])
        {
            case "--sub-unit" when i + 1 < arguments.Count:
                subUnit = arguments[++i];
                break;
            case "--hpr" when i + 1 < arguments.Count:
                hpr = arguments[++i];
                break;
            default:
                positional.Add(arguments[i]);
                break;
        }
    }

    if (positional.Count < 2)
    {
        Console.Error.WriteLine(Usage);
        return 2;
    }

    var scopes = positional.Skip(1).Select(s => s.Contains(':', StringComparison.Ordinal) ? s : ScopePrefix + s).ToList();
    var key = DPoPKey.Development();
    Console.WriteLine(TokenFactory.Development().Sector(positional[0], scopes, key.Thumbprint, subUnit, hpr, lifetime: TimeSpan.FromHours(1)));
    Console.Error.WriteLine("""Bound to the development DPoP key. Per request: -H "Authorization: DPoP $TOKEN" -H "DPoP: $(scripts/dev-token.sh dpop GET "$URL" "$TOKEN")" """);
    return 0;
}
