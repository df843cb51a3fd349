namespace StyleGallery.Web.Services.Training;

/// <summary>A training the web app queued: its job, the style it will register, and the style whose painting it learns.</summary>
public sealed record LaunchedTraining(string JobId, string StyleId, string Title, string FromStyleId);
