namespace StyleGallery.Engine.Jobs;

/// <summary>Why a <see cref="JobEvent"/> was raised.</summary>
public enum JobEventKind
{
    /// <summary>The job was queued, started or finished; see <see cref="JobSnapshot.Status"/>.</summary>
    StatusChanged,

    /// <summary>The running job reported progress; see <see cref="JobSnapshot.Progress"/>.</summary>
    Progress,

    /// <summary>A newer preview is available from <see cref="StyleEngine.LatestPreview"/>.</summary>
    PreviewPublished,

    /// <summary>A job ahead of this one left the queue; see <see cref="JobSnapshot.QueuePosition"/>.</summary>
    QueuePositionChanged,
}
