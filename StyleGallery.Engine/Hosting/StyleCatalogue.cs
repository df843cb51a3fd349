using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Networks;
using StyleGallery.Engine.Training;
using StyleGallery.Engine.Training.Distillation;
using StyleGallery.Engine.Video;

namespace StyleGallery.Engine.Hosting;

/// <summary>
/// What styles and models exist and where their files are: the model catalogue, the installer, the styles trained here
/// and the video tools. No device and no jobs, so a host that only asks about styles (a web node in front of engine
/// workers) has the same answers as the engine, from the same (shared) models folder.
/// </summary>
public sealed class StyleCatalogue
{
    public StyleCatalogue(EngineSettings settings, HttpClient? http = null)
    {
        Settings = settings;
        Catalog = ModelCatalog.LoadEmbedded();
        Models = new ModelInstaller(Catalog, settings.ModelStore, http);
    }

    public EngineSettings Settings { get; }
    internal ModelCatalog Catalog { get; }
    internal ModelInstaller Models { get; }

    /// <summary>Styles trained on this machine (<c>&lt;models&gt;/user</c>).</summary>
    internal UserStyles UserStyles => new(Settings.ModelsDirectory);

    /// <summary>Every fast style of the catalogue, installed or not, in catalogue order.</summary>
    internal IReadOnlyList<ModelEntry> CatalogueFastStyles() => Catalog.Models.Where(m => m.Kind == ModelKind.FastStyle).ToList();

    /// <summary>
    /// Every style a fast stylisation can use: the catalogue's (installed or not, in catalogue order), then the styles
    /// trained here (by id). A trained style never shadows a catalogue id.
    /// </summary>
    /// <remarks>Each says which style is its live version (<see cref="FastStyleInfo.LiteVersionId"/>), or whose it is (<see cref="FastStyleInfo.TeacherId"/>).</remarks>
    public IReadOnlyList<FastStyleInfo> FastStyles()
    {
        var trained = TrainedStyles().ToList();
        var lite = LiteVersions(trained);
        return CatalogueFastStyles().Select(e => CatalogueStyle(e, lite)).Concat(trained.Select(e => TrainedStyle(e, lite))).ToList();
    }

    /// <summary>One fast style by id, catalogue or trained.</summary>
    /// <exception cref="KeyNotFoundException">No fast style has this id; the message lists those that exist.</exception>
    /// <exception cref="ArgumentException">The id is a catalogue model that is not a fast style.</exception>
    public FastStyleInfo FastStyle(string styleId)
    {
        var trained = TrainedStyles().ToList();
        if (Catalog.Contains(styleId)) return CatalogueStyle(RequireFastStyle(styleId), LiteVersions(trained));
        return trained.FirstOrDefault(e => e.Id == styleId) is { } style
            ? TrainedStyle(style, LiteVersions(trained))
            : throw new KeyNotFoundException($"Unknown fast style '{styleId}'. Fast styles: {string.Join(", ", FastStyles().Select(s => s.Id))}.");
    }

    /// <summary>
    /// What a distillation of <paramref name="request"/>'s teacher cannot do, as the refusal a person reads: a teacher
    /// without a fast network (a painting-only style), a lite style (it has no full network to learn from), bad options,
    /// a bad id, no photo folder; and for a new request (<paramref name="fresh"/>; not for one resumed after a restart)
    /// a teacher that has its live version already, or an id that is taken. Returns the teacher.
    /// </summary>
    /// <exception cref="EngineRequestException">The options' problems, every one listed.</exception>
    /// <exception cref="DistillationRefusedException">Any other refusal.</exception>
    public FastStyleInfo CheckDistillation(DistillRequest request, bool fresh)
    {
        if (request.Options.Problems() is { Count: > 0 } problems) throw new EngineRequestException(problems);
        if (Catalog.Contains(request.TeacherId) && Catalog.Get(request.TeacherId).Kind != ModelKind.FastStyle)
        {
            var entry = Catalog.Get(request.TeacherId);
            throw new DistillationRefusedException(
                $"“{entry.Painting?.Title ?? entry.Title}” has no fast network to learn from: only a style with a fast network can have a live version.");
        }
        FastStyleInfo teacher;
        try { teacher = FastStyle(request.TeacherId); }
        catch (KeyNotFoundException)
        {
            throw new DistillationRefusedException($"'{request.TeacherId}' has no fast network to learn from: only a style with a fast network can have a live version.");
        }
        UserStyles.CheckId(request.StyleId);
        if (teacher.TeacherId is { } itsTeacher)
            throw new DistillationRefusedException($"“{teacher.Title}” is a live version itself; make one of the style it comes from ('{itsTeacher}') instead.");
        if (fresh && teacher.LiteVersionId is { } existing)
            throw new DistillationRefusedException($"“{teacher.Title}” already has a live version ('{existing}').");
        if (fresh && IsStyleIdTaken(request.StyleId))
            throw new DistillationRefusedException($"A style '{request.StyleId}' exists already; choose another id for the live version.");
        if (!Directory.Exists(request.DataFolder))
            throw new DistillationRefusedException($"The photo folder '{request.DataFolder}' does not exist: a live version learns from photos.");
        return teacher;
    }

    /// <summary>
    /// The teacher's painting as a local file, for its live version's card: installed first when it can be; null when
    /// it has none or it could not be installed (the live version is made all the same, without a picture).
    /// </summary>
    public async Task<string?> TeacherPaintingAsync(string teacherId, CancellationToken ct = default)
    {
        try { return await PaintingFileAsync(teacherId, install: true, ct); }
        catch (ModelInstallException) { return null; }
    }

    /// <summary>
    /// The catalogue's paintings that no fast style pictures: styles for optimisation (and training) only, in catalogue order.
    /// </summary>
    public IReadOnlyList<ModelEntry> PaintingOnlyStyles()
    {
        var pictured = Catalog.Models.Select(m => m.Painting?.Image).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return Catalog.Models.Where(m => m.Kind == ModelKind.Painting && !pictured.Contains(m.Id)).ToList();
    }

    /// <summary>The catalogue painting of a catalogue id: a painting itself, or the one a fast style imitates; null otherwise.</summary>
    public string? PaintingIdOf(string styleId)
    {
        if (!Catalog.Contains(styleId)) return null;
        var entry = Catalog.Get(styleId);
        return entry.Kind == ModelKind.Painting ? entry.Id : entry.Painting?.Image;
    }

    /// <summary>The installed picture of <see cref="PaintingIdOf"/>; null when there is none or it is not installed yet.</summary>
    internal string? PaintingPathOf(string id) =>
        PaintingIdOf(id) is { } painting && Models.IsInstalled(painting) ? Models.PathOf(painting) : null;

    public bool IsStyleIdTaken(string styleId) => Catalog.Contains(styleId) || UserStyles.Contains(styleId);

    /// <summary>
    /// Deletes a style trained here (<see cref="Training.UserStyles.Delete"/>): its network, sidecar, kept painting and
    /// checkpoints. False for a catalogue id, an id no trained style has, or one that is no slug.
    /// </summary>
    public bool DeleteTrainedStyle(string styleId) => !Catalog.Contains(styleId) && UserStyles.Delete(styleId);

    public async Task<string?> PaintingFileAsync(string styleId, bool install, CancellationToken ct = default)
    {
        if (!Catalog.Contains(styleId)) return TrainedPainting(styleId);
        if (install && PaintingIdOf(styleId) is { } painting && CanInstallPainting(styleId)) await EnsureInstalledAsync(painting, null, ct);
        return PaintingPathOf(styleId);
    }

    public bool CanInstallPainting(string styleId) =>
        PaintingIdOf(styleId) is { } painting && (Models.IsInstalled(painting) || Models.IsMirrored(painting) || Models.IsDownloadable(painting));

    /// <summary>
    /// What a fresh install fetches before anyone asks, in catalogue order: every model the mirror holds (a copy, no
    /// network); and, where the mirror lacks them and downloads are allowed, every fast style, every painting and a
    /// loss network for the default architecture, so the gallery and the studio work from the first click. Other loss
    /// networks are large and installed on first use. Models already installed are left out.
    /// </summary>
    public IReadOnlyList<ModelEntry> StartupModels()
    {
        var defaultArchitecture = new GatysOptions().Network;
        var lossNetwork = InstalledLossNetwork(defaultArchitecture) is null && !LossNetworks(defaultArchitecture).Any(m => Models.IsMirrored(m.Id))
            ? LossNetworks(defaultArchitecture).FirstOrDefault(m => Models.IsDownloadable(m.Id))
            : null;
        return Catalog.Models
            .Where(m => !Models.IsInstalled(m.Id))
            .Where(m => Models.IsMirrored(m.Id) || (Models.IsDownloadable(m.Id) && (m.Kind is ModelKind.FastStyle or ModelKind.Painting || m == lossNetwork)))
            .ToList();
    }

    public IReadOnlyList<ModelState> ModelStates() =>
        Catalog.Models.Select(m => new ModelState(m, Models.IsInstalled(m.Id), Models.IsMirrored(m.Id), Models.IsDownloadable(m.Id))).ToList();

    /// <summary>Installs a model if it is not there yet (from the mirror or its sources, checksum verified).</summary>
    public async Task EnsureInstalledAsync(string modelId, IProgress<InstallProgress>? progress = null, CancellationToken ct = default)
    {
        if (!Models.IsInstalled(modelId)) await Models.InstallAsync(modelId, progress, ct);
    }

    /// <summary>Installs a loss network of the given architecture unless one is installed already.</summary>
    public async Task EnsureLossNetworkAsync(VggArchitecture architecture, CancellationToken ct = default)
    {
        if (InstalledLossNetwork(architecture) is not null) return;
        var candidates = LossNetworks(architecture).ToList();
        if (candidates.Count == 0) throw new ModelInstallException($"The catalogue has no {architecture} loss network.");
        ModelInstallException? last = null;
        foreach (var candidate in candidates)
        {
            try
            {
                await Models.InstallAsync(candidate.Id, null, ct);
                return;
            }
            catch (ModelInstallException e)
            {
                last = e;
            }
        }
        throw last!;
    }

    public string? WhyVideoUnavailable()
    {
        try
        {
            FfmpegTools.Locate(Settings.FfmpegDirectory);
            return null;
        }
        catch (VideoException e)
        {
            return e.Message;
        }
    }

    public VideoInfo ProbeVideo(string path) => VideoProbe.Probe(FfmpegTools.Locate(Settings.FfmpegDirectory), path);

    internal VggWeightSource? InstalledLossNetworkSource(VggArchitecture architecture) =>
        InstalledLossNetwork(architecture) is null ? null : LossNetwork(architecture);

    internal VggWeightSource LossNetwork(VggArchitecture architecture)
    {
        var entry = InstalledLossNetwork(architecture)
            ?? throw new ModelInstallException($"No {architecture} loss network is installed; run 'stylegallery models install' for one.");
        // The catalogue's validator requires conventions of every network.
        return new VggWeightSource(Models.PathOf(entry.Id), ToVggConventions(entry.Conventions!));
    }

    /// <summary>Catalogue ids resolve to pretrained files; any other id to a network trained here, whose file records its architecture.</summary>
    public FastNetworkSource NetworkOf(string styleId) =>
        Catalog.Contains(styleId)
            ? FastNetworkSource.Pretrained(Models.PathOf(styleId))
            : new FastNetworkSource(UserStyles.PathOf(styleId), TrainedStyleFile.LoadNetwork);

    private string? TrainedPainting(string styleId)
    {
        try { return UserStyles.PaintingPathOf(styleId); }
        catch (InvalidUserStyleException) { return null; } // not an id any style could have
    }

    /// <summary>
    /// The loss networks of an architecture: installed or mirrored ones before downloads, then complete ones
    /// before partial ones (a partial VGG16 serves only shallow layers).
    /// </summary>
    private IEnumerable<ModelEntry> LossNetworks(VggArchitecture architecture) =>
        Catalog.Models
            .Where(m => m.Kind == ModelKind.LossNetwork && string.Equals(m.Architecture, architecture.ToString(), StringComparison.OrdinalIgnoreCase))
            .OrderBy(m => Models.IsInstalled(m.Id) || Models.IsMirrored(m.Id) ? 0 : 1)
            .ThenBy(m => m.DeepestLayer is null ? 0 : 1);

    private ModelEntry? InstalledLossNetwork(VggArchitecture architecture) =>
        LossNetworks(architecture).FirstOrDefault(m => Models.IsInstalled(m.Id));

    private static VggWeightConventions ToVggConventions(WeightConventions c) => new(
        c.Naming == WeightNaming.Torchvision ? VggNaming.Torchvision : VggNaming.Caffe,
        (float)c.InputScale,
        c.Mean.Select(v => (float)v).ToArray(),
        c.Std.Select(v => (float)v).ToArray());

    private ModelEntry RequireFastStyle(string styleId)
    {
        var entry = Catalog.Get(styleId);
        if (entry.Kind != ModelKind.FastStyle) throw new ArgumentException($"'{styleId}' is a {entry.Kind} model, not a fast style.", nameof(styleId));
        return entry;
    }

    /// <summary>Trained styles whose id no catalogue model has (a file put there by hand could collide).</summary>
    private IEnumerable<UserStyleEntry> TrainedStyles() => UserStyles.List().Where(e => !Catalog.Contains(e.Id));

    /// <summary>Teacher id → the id of its lite version (the first by id, should there be several).</summary>
    private static Dictionary<string, string> LiteVersions(IEnumerable<UserStyleEntry> trained) =>
        trained.Where(e => e.Teacher is not null).GroupBy(e => e.Teacher!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Id).Order(StringComparer.Ordinal).First(), StringComparer.Ordinal);

    private FastStyleInfo CatalogueStyle(ModelEntry entry, IReadOnlyDictionary<string, string> liteVersions) => new(
        entry.Id, entry.Painting?.Title ?? entry.Title, entry.Painting?.Artist, entry.Painting?.Year, entry.Licence,
        FastStyleOrigin.Catalogue, Models.IsInstalled(entry.Id), LiteVersionId: liteVersions.GetValueOrDefault(entry.Id));

    private static FastStyleInfo TrainedStyle(UserStyleEntry entry, IReadOnlyDictionary<string, string> liteVersions) => new(
        entry.Id, entry.Title, null, null,
        entry.Teacher is { } teacher ? $"Distilled here from {teacher}" : $"Trained here from {entry.StyleImage}",
        FastStyleOrigin.User, IsInstalled: true, entry.Teacher, liteVersions.GetValueOrDefault(entry.Id));
}
