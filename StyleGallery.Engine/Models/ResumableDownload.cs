using System.Net;
using System.Net.Http.Headers;

namespace StyleGallery.Engine.Models;

/// <summary>
/// Downloads a URL into a <c>.partial</c> file, continuing from the bytes already there with an HTTP Range request.
/// A server that answers the range with a full 200 response, or with a range that starts elsewhere, gets a clean
/// restart; 416 (the partial is not a prefix of the file) discards the partial and restarts.
/// </summary>
internal sealed class ResumableDownload(HttpClient http, int bufferBytes)
{
    /// <summary>Reports (bytes in the partial file, total bytes if known) as data arrives.</summary>
    public async Task RunAsync(Uri url, string partialPath, long? knownTotal, Action<long, long?> report, CancellationToken ct)
    {
        var existing = File.Exists(partialPath) ? new FileInfo(partialPath).Length : 0;
        using var response = await SendAsync(url, existing, ct);
        if (existing > 0 && CannotContinue(response, existing))
        {
            File.Delete(partialPath);
            await RunAsync(url, partialPath, knownTotal, report, ct); // existing is 0 now: no Range, no further recursion
            return;
        }
        response.EnsureSuccessStatusCode();
        var start = ContinuesAt(response, existing) ? existing : 0;
        if (response.StatusCode == HttpStatusCode.PartialContent && start != existing)
            throw new HttpRequestException($"{url} answered a plain request with a partial response.");
        var total = response.Content.Headers.ContentRange?.Length ?? start + response.Content.Headers.ContentLength ?? knownTotal;
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await using var file = new FileStream(partialPath, start > 0 ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None);
        await CopyAsync(body, file, start, total, report, ct);
    }

    /// <summary>A 206 carrying exactly the bytes after the partial's.</summary>
    private static bool ContinuesAt(HttpResponseMessage response, long existing) =>
        response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == existing;

    /// <summary>416 (the partial is not a prefix of the file) or a 206 for some other range.</summary>
    private static bool CannotContinue(HttpResponseMessage response, long existing) =>
        response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable
        || (response.StatusCode == HttpStatusCode.PartialContent && !ContinuesAt(response, existing));

    private Task<HttpResponseMessage> SendAsync(Uri url, long existing, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (existing > 0) request.Headers.Range = new RangeHeaderValue(existing, null);
        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    private async Task CopyAsync(Stream body, FileStream file, long done, long? total, Action<long, long?> report, CancellationToken ct)
    {
        var buffer = new byte[bufferBytes];
        report(done, total);
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
            done += read;
            report(done, total);
        }
    }
}
