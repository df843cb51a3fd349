using Microsoft.EntityFrameworkCore;

namespace StyleGallery.Data;

/// <summary>
/// Hands out the configured provider's own context (<typeparamref name="TContext"/>) as the <see cref="StyleGalleryDb"/>
/// the archives ask for, so nothing outside <c>Data/</c> knows there is one context type per provider.
/// </summary>
internal sealed class ProviderDbContextFactory<TContext>(IDbContextFactory<TContext> contexts) : IDbContextFactory<StyleGalleryDb>
    where TContext : StyleGalleryDb
{
    public StyleGalleryDb CreateDbContext() => contexts.CreateDbContext();

    public async Task<StyleGalleryDb> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await contexts.CreateDbContextAsync(cancellationToken);
}
