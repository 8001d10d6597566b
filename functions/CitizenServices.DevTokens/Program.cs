using CitizenServices.DevTokens;

// Prints a token signed with the development key, which the handler trusts only in Development.
//   scripts/dev-token.sh citizen 14838510036 [high|substantial]
//   scripts/dev-token.sh workforce CareRelations.Manage 0301
const string Usage = """
    usage:
      citizen <national identity number> [high|substantial]
      workforce <role>[,<role>...] [<kommunenummer>]
    roles: CareRelations.Manage, Nettlege.Administer, Consultations.Complete, Registry.Read, Representation.Administer
    """;

if (args.Length < 2)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var factory = TokenFactory.Development();
switch (args[0])
{
    case "citizen":
        var level = args.Length > 2 ? args[2] : "high";
        if (level is not ("high" or "substantial"))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        Console.WriteLine(factory.Citizen(args[1], "idporten-loa-" + level, TimeSpan.FromHours(8)));
        return 0;
    case "workforce":
        Console.WriteLine(factory.Workforce(args[1].Split(','), args.Length > 2 ? args[2] : null));
        return 0;
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
