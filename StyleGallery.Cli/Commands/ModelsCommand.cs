using System.CommandLine;
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

    private static Command List(CliConsole console, EngineCliOptions engine)
    {
        var command = new Command("list", "Every model in the catalogue, whether it is installed, and the styles trained here");
        engine.AddTo(command);
        command.SetAction(parsed =>
        {
            var (catalog, installer) = Open(engine, parsed);
            console.Out.WriteLine($"{"id",-28} {"kind",-13} {"installed",-9} title");
            foreach (var m in catalog.Models)
                console.Out.WriteLine($"{m.Id,-28} {KindName(m.Kind),-13} {(installer.IsInstalled(m.Id) ? "yes" : "no"),-9} {m.Title}");
            ListTrained(console, catalog, new UserStyles(engine.Settings(parsed).ModelsDirectory));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Styles trained with <c>stylegallery train</c> or the web app, in a section of their own.</summary>
    private static void ListTrained(CliConsole console, ModelCatalog catalog, UserStyles trained)
    {
        var styles = trained.List().Where(s => !catalog.Contains(s.Id)).ToList();
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

    private static Command Install(CliConsole console, EngineCliOptions engine)
    {
        var ids = new Argument<string[]>("ids") { Description = "Model ids (see 'models list')", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Install every model that has a mirror copy or a source" };
        var command = new Command("install", "Install models from the mirror folder or their source URLs") { ids, all };
        engine.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            var (catalog, installer) = Open(engine, parsed);
            var wanted = parsed.GetValue(all) ? catalog.Models.Select(m => m.Id).ToArray() : parsed.GetValue(ids) ?? [];
            if (wanted.Length == 0)
            {
                console.Error.WriteLine("error: name the models to install, or pass --all.");
                return ExitCodes.Usage;
            }
            var failures = 0;
            foreach (var id in wanted)
                failures += await InstallOne(console, catalog, installer, id, ct) ? 0 : 1;
            return failures == 0 ? ExitCodes.Ok : ExitCodes.MissingModel;
        });
        return command;
    }

    private static async Task<bool> InstallOne(CliConsole console, ModelCatalog catalog, ModelInstaller installer, string id, CancellationToken ct)
    {
        if (!catalog.Contains(id))
        {
            console.Error.WriteLine($"error: unknown model '{id}'. Known models: {string.Join(", ", catalog.Models.Select(m => m.Id))}.");
            return false;
        }
        if (installer.IsInstalled(id))
        {
            console.Out.WriteLine($"{id}: already installed");
            return true;
        }
        var bar = console.Progress(id, 100);
        var progress = new Progress<InstallProgress>(p => bar.Update(p.BytesTotal is > 0 ? (int)(100 * p.BytesDone / p.BytesTotal.Value) : 0, p.Stage));
        try
        {
            var path = await installer.InstallAsync(id, progress, ct);
            bar.Finish();
            console.Out.WriteLine($"{id}: installed at {path}");
            return true;
        }
        catch (ModelInstallException e)
        {
            bar.Finish();
            console.Error.WriteLine($"error: {id}: {e.Message}");
            return false;
        }
    }

    private static Command Verify(CliConsole console, EngineCliOptions engine)
    {
        var command = new Command("verify", "Re-hash every installed model against the catalogue");
        engine.AddTo(command);
        command.SetAction(parsed =>
        {
            var (catalog, installer) = Open(engine, parsed);
            var bad = 0;
            foreach (var m in catalog.Models.Where(m => installer.IsInstalled(m.Id)))
            {
                var result = installer.Verify(m.Id);
                console.Out.WriteLine($"{m.Id,-28} {result.Status}");
                if (!result.IsOk) bad++;
            }
            return bad == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static (ModelCatalog, ModelInstaller) Open(EngineCliOptions engine, ParseResult parsed)
    {
        var settings = engine.Settings(parsed);
        var catalog = ModelCatalog.LoadEmbedded();
        return (catalog, new ModelInstaller(catalog, settings.ModelStore));
    }

    private static string KindName(ModelKind kind) => kind switch
    {
        ModelKind.FastStyle => "fast-style",
        ModelKind.Painting => "painting",
        _ => "loss-network",
    };
}
