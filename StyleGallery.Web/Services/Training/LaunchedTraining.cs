namespace StyleGallery.Web.Services.Training;

/// <summary>
/// A training the web app queued: its job, the style it will register, the style whose painting it learns, and the
/// browser that started it (only that browser may cancel it).
/// </summary>
public sealed record LaunchedTraining(string JobId, string StyleId, string Title, string FromStyleId, string? Owner = null);
