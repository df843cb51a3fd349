using System.Text;
using StyleGallery.Engine.Jobs;

namespace StyleGallery.Engine.Training;

/// <summary>
/// Checkpoints a long job writes as files (a training's, a distillation's): the job store keeps the file's path at its
/// step, and a run after a crash goes on from that file while it is still there (else from the start).
/// </summary>
public static class FileCheckpoints
{
    /// <summary>Records a checkpoint file the job has written, when the job is durable and the file exists.</summary>
    public static void Record(JobContext context, int step, string path)
    {
        if (context.CanCheckpoint && File.Exists(path)) context.SaveCheckpoint(new JobCheckpoint(step, Encoding.UTF8.GetBytes(path)));
    }

    /// <summary>The checkpoint file an earlier run of this job recorded, or null (a first run, or its file is gone).</summary>
    public static string? Resumable(JobContext context) =>
        context.ResumeFrom is { } saved && Encoding.UTF8.GetString(saved.Data) is var path && File.Exists(path) ? path : null;

    /// <summary>Deletes a run's checkpoint folder (the run has ended for good: nothing will resume from it).</summary>
    public static void Remove(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file held open elsewhere: left for the style's deletion, which removes the folder too.
        }
    }
}
