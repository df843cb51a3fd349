// The live page's camera loop: grab a frame from the camera, send it to /api/live/frames, show the painted frame,
// repeat. One frame is in flight at a time, so a slow server lowers the frame rate instead of queueing frames.
// Everything a frame needs is read from `settings` each time, so changing the style takes effect on the next frame.
// Each start names its camera with a random id, so the server can follow this camera's motion from frame to frame.

export async function start(camera, painted, rateLabel, settings, dotNet) {
    let stream;
    try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
    } catch (e) {
        await dotNet.invokeMethodAsync("OnStopped", `The camera could not be opened (${e.name}): allow the camera for this site, or plug one in.`);
        return { stop() {}, update() {} };
    }
    camera.srcObject = stream;
    await camera.play();
    const canvas = document.createElement("canvas");
    const cameraId = crypto.randomUUID?.() ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, "0")).join("");
    let running = true;
    let shown = null;
    const times = [];

    const stop = async message => {
        if (!running) return;
        running = false;
        stream.getTracks().forEach(t => t.stop());
        camera.srcObject = null;
        await dotNet.invokeMethodAsync("OnStopped", message ?? null);
    };

    const frame = async () => {
        const scale = Math.min(1, settings.size / Math.max(camera.videoWidth, camera.videoHeight));
        canvas.width = Math.max(1, Math.round(camera.videoWidth * scale));
        canvas.height = Math.max(1, Math.round(camera.videoHeight * scale));
        canvas.getContext("2d").drawImage(camera, 0, 0, canvas.width, canvas.height);
        const jpeg = await new Promise(resolve => canvas.toBlob(resolve, "image/jpeg", 0.9));
        const query = new URLSearchParams({ style: settings.style, size: settings.size, colors: settings.colors, strength: settings.strength, camera: cameraId });
        const response = await fetch(`/api/live/frames?${query}`, { method: "POST", body: jpeg, headers: { "Content-Type": "image/jpeg" } });
        if (response.status === 503) { await new Promise(r => setTimeout(r, 1000)); return; }
        if (!response.ok) {
            const problem = await response.json().catch(() => null);
            throw new Error(problem?.detail ?? `The server answered ${response.status}.`);
        }
        const url = URL.createObjectURL(await response.blob());
        painted.src = url;
        if (shown) URL.revokeObjectURL(shown);
        shown = url;
        const now = performance.now();
        times.push(now);
        while (times.length > 1 && now - times[0] > 3000) times.shift();
        if (times.length > 1) rateLabel.textContent = `${((times.length - 1) * 1000 / (now - times[0])).toFixed(1)} frames/s`;
        painted.dataset.frames = String(Number(painted.dataset.frames ?? 0) + 1);
    };

    (async () => {
        while (running) {
            try {
                await frame();
            } catch (e) {
                await stop(e.message);
            }
        }
    })();

    return {
        stop: () => stop(null),
        update: next => Object.assign(settings, next),
        // Saves the painted frame on screen as a file: it is already in the browser, so nothing goes to the server.
        snapshot: () => {
            if (!shown) return false;
            const link = document.createElement("a");
            link.href = shown;
            link.download = `stylegallery-live-${settings.style}-${new Date().toISOString().replace(/[:.]/g, "-")}.jpg`;
            link.click();
            return true;
        },
    };
}
