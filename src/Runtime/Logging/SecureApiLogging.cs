using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using SecureApi.Monitoring;

namespace SecureApi.Logging;

/// <summary>
/// What AddSecureApi does to logging: [Sensitive] and [Encrypted] data erased by the redactor, ASP.NET Core's
/// "Request starting/finished" lines (which carry the full query string, values included) kept out, and the console
/// writing one JSON object per line outside Development.
/// </summary>
internal static class SecureApiLogging
{
    /// <summary>ASP.NET Core's per-request lines: the path with its query string, values and all.</summary>
    public const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>Where a service chooses its console formatter itself; AddSecureApi then leaves it alone.</summary>
    public const string FormatterSetting = "Logging:Console:FormatterName";

    public static void Add(IServiceCollection services)
    {
        services.AddRedaction(redaction =>
            redaction.SetRedactor<ErasingRedactor>(new Microsoft.Extensions.Compliance.Classification.DataClassificationSet(SecureApiTaxonomy.Sensitive, SecureApiTaxonomy.Encrypted)));

        services.AddLogging(logging =>
        {
            logging.EnableRedaction();

            // SecureApi's own RequestCompleted event says what these said, without the query string.
            logging.AddFilter(HostingDiagnostics, LogLevel.Warning);
        });

        // A command (`keys create`, `schema`) prints its result on standard output, which scripts read: its log lines
        // (a KeyMinted event, say) go to standard error instead.
        if (IsCommandLine(Environment.GetCommandLineArgs()))
        {
            services.Configure<ConsoleLoggerOptions>(static options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        // Machines read production logs: one JSON object per line, unless the service chose a formatter itself.
        services.AddOptions<ConsoleLoggerOptions>().Configure<IHostEnvironment, IConfiguration>(static (options, environment, configuration) =>
        {
#pragma warning disable CS0618 // FormatterName is the supported switch; only the formatter-specific options moved
            if (!environment.IsDevelopment() && string.IsNullOrEmpty(configuration[FormatterSetting]))
            {
                options.FormatterName = ConsoleFormatterNames.Json;
            }
#pragma warning restore CS0618
        });
    }

    /// <summary>True when the process was started to run one of <see cref="Hosting.SecureApiCommands"/> (its first argument names one).</summary>
    internal static bool IsCommandLine(string[] commandLine) =>
        commandLine.Length > 1 && Hosting.SecureApiCommands.Names.Contains(commandLine[1]);
}
