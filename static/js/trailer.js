// Click to load: a trailer's player (kept in a <template>) replaces its Play button only when
// the reader asks, so the video host is not contacted on page load. Without JavaScript the
// button stays hidden and the caption's plain link is the way to the video.
// Each trailer block brings this script: the first run sets up every trailer on the page.
for (const frame of document.querySelectorAll("[data-trailer]:not([data-ready])")) {
    frame.dataset.ready = "";
    const button = frame.querySelector(".trailer__play");
    const player = frame.querySelector("template");
    button.hidden = false;
    button.addEventListener("click", () => {
        const content = player.content.cloneNode(true);
        const iframe = content.querySelector("iframe");
        if (iframe) {
            iframe.removeAttribute("loading");
            const url = new URL(iframe.src);
            url.searchParams.set("autoplay", "1");
            iframe.src = url.toString();
            iframe.allow = "autoplay; fullscreen; picture-in-picture";
        }
        button.replaceWith(content);
        frame.querySelector("iframe")?.focus();
    });
}
