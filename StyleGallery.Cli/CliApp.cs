using System.CommandLine;
using StyleGallery.Cli.Commands;

namespace StyleGallery.Cli;

/// <summary>The <c>stylegallery</c> command tree; in-process so tests can run it with their own writers.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        var console = new CliConsole(stdout, stderr);
        var root = new RootCommand("StyleGallery: neural style transfer from the command line.")
        {
            ModelsCommand.Create(console),
            FastCommand.Create(console),
            VideoCommand.Create(console),
            GatysCommand.Create(console),
            TrainCommand.Create(console),
            DistillCommand.Create(console),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine($"error: {error.Message}");
            stderr.WriteLine("Run 'stylegallery --help' for usage.");
            return ExitCodes.Usage;
        }
        // Ctrl+C cancels the job; give it time to stop and save the latest picture before the process exits.
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = TimeSpan.FromSeconds(60) };
        return await parsed.InvokeAsync(invocation, ct);
    }
}

/// <summary>Where a command writes; a terminal gets a live progress bar, a redirected stream plain lines.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error)
{
    public bool Interactive => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;

    public ProgressBar Progress(string label, int total) => new(Out, label, total, Interactive);

    /// <summary>Writes the one-line error every command ends a bad input with, and returns its exit code.</summary>
    public int Fail(int code, string message)
    {
        Error.WriteLine($"error: {message}");
        return code;
    }
}
