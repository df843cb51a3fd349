using System.CommandLine;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Training;

namespace StyleGallery.Cli.Commands;

/// <summary><c>stylegallery models list|install|verify</c>.</summary>
public static class ModelsCommand
{
    public static Command Create(CliConsole console)
    {
        var engine = new EngineCliOptions();
        var command = new Command("models", "List, install and verify the models of the catalogue");
        command.Add(List(console, engine));
        command.Add(Install(console, engine));
        command.Add(Verify(console, engine));
        return command;
    }

    private static Command List(CliConsole console, EngineCliOptions options)
    {
        var command = new Command("list", "Every model in the catalogue, whether it is installed, and the styles trained here");
        options.AddTo(command);
        command.SetAction(parsed =>
        {
            var settings = options.Settings(parsed);
            using var inProcess = new StyleGalleryEngine(settings);
            IStyleEngineClient engine = inProcess;
            var models = engine.ModelStates();
            console.Out.WriteLine($"{"id",-28} {"kind",-13} {"installed",-9} title");
            foreach (var m in models)
                console.Out.WriteLine($"{m.Model.Id,-28} {KindName(m.Model.Kind),-13} {(m.IsInstalled ? "yes" : "no"),-9} {m.Model.Title}");
            ListTrained(console, models.Select(m => m.Model.Id).ToHashSet(StringComparer.Ordinal), new UserStyles(settings.ModelsDirectory));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Styles trained with <c>stylegallery train</c> or the web app, in a section of their own, read from the models
    /// folder's registry: the contract's <see cref="IStyleEngineClient.FastStyles"/> lacks their steps and dates.
    /// </summary>
    private static void ListTrained(CliConsole console, IReadOnlySet<string> catalogueIds, UserStyles trained)
    {
        var styles = trained.List().Where(s => !catalogueIds.Contains(s.Id)).ToList();
        console.Out.WriteLine();
        console.Out.WriteLine($"Trained styles ({trained.Folder}):");
        if (styles.Count == 0)
        {
            console.Out.WriteLine("  none yet; train one with 'stylegallery train --style painting.jpg --data photos/ --out my-style'");
            return;
        }
        console.Out.WriteLine($"{"id",-28} {"steps",-7} {"trained",-11} title (painting)");
        foreach (var s in styles)
            console.Out.WriteLine($"{s.Id,-28} {s.Steps,-7} {s.CreatedUtc:yyyy-MM-dd}  {s.Title} ({s.StyleImage})");
    }

    private static Command Install(CliConsole console, EngineCliOptions options)
    {
        var ids = new Argument<string[]>("ids") { Description = "Model ids (see 'models list')", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Install every model that has a mirror copy or a source" };
        var command = new Command("install", "Install models from the mirror folder or their source URLs") { ids, all };
        options.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            using var inProcess = new StyleGalleryEngine(options.Settings(parsed));
            IStyleEngineClient engine = inProcess;
            var models = engine.ModelStates();
            var wanted = parsed.GetValue(all) ? models.Select(m => m.Model.Id).ToArray() : parsed.GetValue(ids) ?? [];
            if (wanted.Length == 0)
            {
                console.Error.WriteLine("error: name the models to install, or pass --all.");
                return ExitCodes.Usage;
            }
            var failures = 0;
            foreach (var id in wanted)
                failures += await InstallOne(console, engine, models, id, ct) ? 0 : 1;
            return failures == 0 ? ExitCodes.Ok : ExitCodes.MissingModel;
        });
        return command;
    }

    private static async Task<bool> InstallOne(CliConsole console, IStyleEngineClient engine, IReadOnlyList<ModelState> models, string id, CancellationToken ct)
    {
        var model = models.FirstOrDefault(m => m.Model.Id == id);
        if (model is null)
        {
            console.Error.WriteLine($"error: unknown model '{id}'. Known models: {string.Join(", ", models.Select(m => m.Model.Id))}.");
            return false;
        }
        if (model.IsInstalled)
        {
            console.Out.WriteLine($"{id}: already installed");
            return true;
        }
        var bar = console.Progress(id, 100);
        var progress = new Progress<InstallProgress>(p => bar.Update(p.BytesTotal is > 0 ? (int)(100 * p.BytesDone / p.BytesTotal.Value) : 0, p.Stage));
        try
        {
            await engine.InstallModelAsync(id, progress, ct);
            bar.Finish();
            console.Out.WriteLine($"{id}: installed");
            return true;
        }
        catch (ModelInstallException e)
        {
            bar.Finish();
            console.Error.WriteLine($"error: {id}: {e.Message}");
            return false;
        }
    }

    /// <summary>
    /// The contract says which models are installed but cannot re-hash them, so the files are checked here with an
    /// installer over the same models folder (the CLI's engine is always in this process, on this disk).
    /// </summary>
    private static Command Verify(CliConsole console, EngineCliOptions options)
    {
        var command = new Command("verify", "Re-hash every installed model against the catalogue");
        options.AddTo(command);
        command.SetAction(parsed =>
        {
            var settings = options.Settings(parsed);
            using var inProcess = new StyleGalleryEngine(settings);
            IStyleEngineClient engine = inProcess;
            var files = new ModelInstaller(ModelCatalog.LoadEmbedded(), settings.ModelStore);
            var bad = 0;
            foreach (var m in engine.ModelStates().Where(m => m.IsInstalled))
            {
                var result = files.Verify(m.Model.Id);
                console.Out.WriteLine($"{m.Model.Id,-28} {result.Status}");
                if (!result.IsOk) bad++;
            }
            return bad == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static string KindName(ModelKind kind) => kind switch
    {
        ModelKind.FastStyle => "fast-style",
        ModelKind.Painting => "painting",
        _ => "loss-network",
    };
}
