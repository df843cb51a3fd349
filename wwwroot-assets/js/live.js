// The live page's camera loop: grab a frame from the camera, send it to /api/live/frames, show the painted frame.
// Two frames are in flight at most: while the server paints one, the other is being encoded, uploaded or downloaded, so
// the round trip hides behind the painting instead of adding to it. Never more, and nothing is queued: the next frame
// is grabbed only when one of the two is back, so a slow server lowers the frame rate instead of building a backlog.
// Answers can overtake each other; one older than the frame on screen is dropped, never shown backwards.
// Everything a frame needs is read from `settings` each time, so changing the style takes effect on the next frame.
// Each start names its camera with a random id and numbers its frames, so the server follows this camera's motion in
// order even when two requests overtake each other.

const MaxInFlight = 2;
// The frames/s readout counts painted frames over this window, and is sent to the page at most this often.
const RateWindowMs = 2000;
const ReportEveryMs = 500;

export async function start(camera, painted, settings, dotNet) {
    let stream;
    try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
    } catch (e) {
        await dotNet.invokeMethodAsync("OnStopped", `The camera could not be opened (${e.name}): allow the camera for this site, or plug one in.`);
        return { stop() {}, update() {}, snapshot: () => false };
    }
    camera.srcObject = stream;
    await camera.play();
    const canvas = document.createElement("canvas");
    const drawing = canvas.getContext("2d", { alpha: false });
    const cameraId = crypto.randomUUID?.() ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, "0")).join("");
    let running = true;
    let inFlight = 0; // frames being grabbed, encoded, sent or painted: at most MaxInFlight
    let numbered = 0; // the next frame's number
    let newest = -1; // the number of the frame on screen
    let shown = null;
    let frames = 0;
    let pausedUntil = 0;
    const paints = []; // when each frame of the last RateWindowMs was shown
    const trips = []; // [when, round trip ms] of the answers of the last RateWindowMs

    // The camera's frames as the video element presents them, so a frame is never sent twice.
    let presented = 0;
    let sentFrame = -1;
    let waiting = [];
    const onPresented = () => {
        presented++;
        waiting.forEach(resolve => resolve());
        waiting = [];
        if (running) camera.requestVideoFrameCallback(onPresented);
    };
    const watchesFrames = typeof camera.requestVideoFrameCallback === "function";
    if (watchesFrames) camera.requestVideoFrameCallback(onPresented);
    const freshFrame = () => !watchesFrames || presented !== sentFrame ? Promise.resolve() : new Promise(resolve => waiting.push(resolve));

    const stop = async message => {
        if (!running) return;
        running = false;
        clearInterval(reporter);
        waiting.forEach(resolve => resolve());
        stream.getTracks().forEach(t => t.stop());
        camera.srcObject = null;
        await dotNet.invokeMethodAsync("OnStopped", message ?? null);
    };

    const grab = () => {
        const scale = Math.min(1, settings.size / Math.max(camera.videoWidth, camera.videoHeight));
        const width = Math.max(1, Math.round(camera.videoWidth * scale));
        const height = Math.max(1, Math.round(camera.videoHeight * scale));
        if (canvas.width !== width || canvas.height !== height) [canvas.width, canvas.height] = [width, height];
        drawing.drawImage(camera, 0, 0, width, height);
        return new Promise(resolve => canvas.toBlob(resolve, "image/jpeg", 0.9));
    };

    const show = (blob, number) => {
        const url = URL.createObjectURL(blob);
        painted.src = url;
        if (shown) URL.revokeObjectURL(shown);
        shown = url;
        newest = number;
        painted.dataset.frames = String(++frames);
        painted.dataset.frame = String(number);
        paints.push(performance.now());
    };

    // One frame's way: wait for a camera frame not sent yet, grab and encode it, send it, show the answer if it is
    // still the newest. A busy or rate-limited server pauses the loop for as long as it asks.
    const send = async () => {
        await freshFrame();
        if (!running) return;
        sentFrame = presented;
        const number = numbered++;
        const jpeg = await grab();
        const query = new URLSearchParams({ style: settings.style, size: settings.size, colors: settings.colors, strength: settings.strength, camera: cameraId, frame: number });
        const began = performance.now();
        const response = await fetch(`/api/live/frames?${query}`, { method: "POST", body: jpeg, headers: { "Content-Type": "image/jpeg" } });
        if (response.status === 503 || response.status === 429) {
            const seconds = Number(response.headers.get("Retry-After"));
            pausedUntil = performance.now() + (seconds > 0 ? Math.min(seconds, 10) * 1000 : 1000);
            setTimeout(pump, pausedUntil - performance.now());
            return;
        }
        if (!response.ok) {
            const problem = await response.json().catch(() => null);
            throw new Error(problem?.detail ?? `The server answered ${response.status}.`);
        }
        const blob = await response.blob();
        trips.push([performance.now(), performance.now() - began]);
        if (running && number > newest) show(blob, number);
    };

    function pump() {
        const most = Math.min(MaxInFlight, Math.max(1, settings.inFlight ?? MaxInFlight));
        while (running && inFlight < most && performance.now() >= pausedUntil) {
            inFlight++;
            send().catch(e => stop(e.message)).finally(() => {
                inFlight--;
                pump();
            });
        }
    }

    // Painted frames per second over the last RateWindowMs and the mean round trip, for the page's readout.
    let reported = "";
    let lastTrip = 0;
    const reporter = setInterval(() => {
        const now = performance.now();
        while (paints.length > 0 && now - paints[0] > RateWindowMs) paints.shift();
        while (trips.length > 0 && now - trips[0][0] > RateWindowMs) trips.shift();
        if (frames < 2) return;
        // Nothing painted for a while (a busy server): the readout says 0 rather than keeping its last rate.
        const rate = paints.length < 2 ? 0 : Math.round((paints.length - 1) * 10000 / (paints[paints.length - 1] - paints[0])) / 10;
        const trip = trips.length === 0 ? lastTrip : Math.round(trips.reduce((sum, t) => sum + t[1], 0) / trips.length);
        lastTrip = trip;
        if (`${rate} ${trip}` === reported) return;
        reported = `${rate} ${trip}`;
        dotNet.invokeMethodAsync("OnRate", rate, trip).catch(() => {});
    }, ReportEveryMs);

    pump();

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
