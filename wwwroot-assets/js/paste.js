// Ctrl+V of an image anywhere on the page: hands the first pasted image to .NET as a stream (not a byte
// array: a SignalR message is capped at 32 KB, a stream is sent in chunks). Text pastes are left alone.
export function listenForPastedImages(dotNet) {
    const onPaste = event => {
        const item = Array.from(event.clipboardData?.items ?? []).find(i => i.kind === "file" && i.type.startsWith("image/"));
        const file = item?.getAsFile();
        if (!file) return;
        event.preventDefault();
        dotNet.invokeMethodAsync("OnPastedImageAsync", file.name || "pasted-image", file.type, DotNet.createJSStreamReference(file));
    };
    document.addEventListener("paste", onPaste);
    return { dispose: () => document.removeEventListener("paste", onPaste) };
}
