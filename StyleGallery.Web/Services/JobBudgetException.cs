namespace StyleGallery.Web.Services;

/// <summary>
/// The job would cost more engine time than its kind's budget (<c>Owners.JobBudgets</c>); the message says the estimate and
/// the limit. HTTP 422: the request is well-formed, and will never be accepted as it is.
/// </summary>
public sealed class JobBudgetException(double limitSeconds, string message) : UserFacingException(message)
{
    public double LimitSeconds { get; } = limitSeconds;
}
