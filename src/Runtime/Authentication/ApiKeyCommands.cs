using System.Globalization;

namespace SecureApi.Authentication;

/// <summary>
/// <c>keys create|list|revoke</c>: the service's own command for its stored API keys, run against the configured
/// database. A minted key goes to standard output alone (so <c>KEY=$(… keys create …)</c> works), once; the rest goes
/// to standard error.
/// </summary>
internal static class ApiKeyCommands
{
    public const string Usage = """
        Usage:
          keys create --subject <sub> [--tenant <t>] [--role <r>]... [--scope <s>]... [--kind user|service|agent]
                      [--tier <tier>] [--name <text>] [--expires <n>d|<n>h]
          keys list [--subject <sub>]
          keys revoke <key id>
        """;

    public static async Task<int> RunAsync(ApiKeys keys, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            return args.Count > 0 ? args[0] switch
            {
                "create" => await CreateAsync(keys, Options.Parse(args, 1), output, error, cancellationToken),
                "list" => await ListAsync(keys, Options.Parse(args, 1), output, cancellationToken),
                "revoke" when args.Count == 2 => await RevokeAsync(keys, args[1], error, cancellationToken),
                _ => Fail(error, Usage),
            } : Fail(error, Usage);
        }
        catch (FormatException exception)
        {
            return Fail(error, exception.Message + "\n" + Usage);
        }
        catch (InvalidApiKeyRequestException exception)
        {
            return Fail(error, $"{exception.Member}: {exception.Message}");
        }
    }

    private static async Task<int> CreateAsync(ApiKeys keys, Options options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        options.Allow("subject", "tenant", "role", "scope", "kind", "tier", "name", "expires");
        var request = new ApiKeyRequest
        {
            Subject = options.Single("subject") ?? throw new FormatException("--subject is required."),
            Tenant = options.Single("tenant"),
            Roles = options.All("role"),
            Scopes = [.. options.All("scope").SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries))],
            Kind = options.Single("kind") is { } kind ? ParseKind(kind) : ClientKind.Service,
            Tier = options.Single("tier"),
            Name = options.Single("name"),
            Lifetime = options.Single("expires") is { } expires ? ParseLifetime(expires) : null,
        };

        var minted = await keys.CreateAsync(request, cancellationToken);
        await output.WriteLineAsync(minted.Key);
        await error.WriteLineAsync($"Key {minted.Info.Id} for {minted.Info.Subject} ({ClientKindNames.Of(minted.Info.Kind)}), expires {Time(minted.Info.ExpiresAt)}. It is shown only now: store it in a secret store.");
        return 0;
    }

    private static async Task<int> ListAsync(ApiKeys keys, Options options, TextWriter output, CancellationToken cancellationToken)
    {
        options.Allow("subject");
        var now = keys.Time.GetUtcNow();
        await output.WriteLineAsync("id\tsubject\ttenant\tkind\ttier\troles\tscopes\tname\tcreated\texpires\tstatus");
        foreach (var key in await keys.ListAsync(options.Single("subject"), cancellationToken))
        {
            var status = key.RevokedAt is not null ? "revoked" : key.ExpiresAt <= now ? "expired" : "active";
            await output.WriteLineAsync(string.Join('\t', key.Id, key.Subject, key.Tenant ?? "-", ClientKindNames.Of(key.Kind), key.Tier ?? "-", string.Join(' ', key.Roles), string.Join(' ', key.Scopes), key.Name, Time(key.CreatedAt), Time(key.ExpiresAt), status));
        }

        return 0;
    }

    private static async Task<int> RevokeAsync(ApiKeys keys, string id, TextWriter error, CancellationToken cancellationToken)
    {
        if (!await keys.RevokeAsync(id, cancellationToken))
        {
            await error.WriteLineAsync($"No key {id}.");
            return 1;
        }

        await error.WriteLineAsync($"Key {id} is revoked.");
        return 0;
    }

    private static ClientKind ParseKind(string kind) =>
        ClientKindNames.TryParse(kind, out var parsed) ? parsed : throw new FormatException("--kind is user, service or agent.");

    /// <summary><c>90d</c> or <c>12h</c>.</summary>
    private static TimeSpan ParseLifetime(string text)
    {
        if (text.Length >= 2 && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            switch (text[^1])
            {
                case 'd':
                    return TimeSpan.FromDays(count);
                case 'h':
                    return TimeSpan.FromHours(count);
            }
        }

        throw new FormatException("--expires is a number of days or hours: 90d, 12h.");
    }

    private static string Time(DateTimeOffset? time) => time?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "never";

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return 2;
    }

    /// <summary><c>--name value</c> pairs; a name may repeat (<c>--role a --role b</c>).</summary>
    private sealed class Options
    {
        private readonly List<(string Name, string Value)> _values = [];

        public static Options Parse(IReadOnlyList<string> args, int start)
        {
            var options = new Options();
            for (var i = start; i < args.Count; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
                {
                    throw new FormatException($"Expected --option value, got '{args[i]}'.");
                }

                options._values.Add((args[i][2..], args[i + 1]));
            }

            return options;
        }

        public void Allow(params string[] names)
        {
            foreach (var (name, _) in _values)
            {
                if (!names.Contains(name))
                {
                    throw new FormatException($"Unknown option --{name}.");
                }
            }
        }

        public string? Single(string name)
        {
            var values = All(name);
            return values.Length switch
            {
                0 => null,
                1 => values[0],
                _ => throw new FormatException($"--{name} is given more than once."),
            };
        }

        public string[] All(string name) => [.. _values.Where(v => v.Name == name).Select(v => v.Value)];
    }
}
