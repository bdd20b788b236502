/**
 * Dropping a file onto the chooser as well as picking it. A file dropped beside the zone must not make the browser
 * leave the page to open it, which it otherwise does.
 */
export function wireDropZone(
  zone: HTMLElement,
  input: HTMLInputElement,
  handlers: { accepting(): boolean; onFile(file: File): void; onMany(): void },
): void {
  const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes("Files") === true;
  const over = (event: DragEvent) => {
    if (!carriesFiles(event) || !event.dataTransfer) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = handlers.accepting() ? "copy" : "none";
    zone.classList.add("dragging");
  };
  zone.addEventListener("dragenter", over);
  zone.addEventListener("dragover", over);
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    const files = event.dataTransfer?.files;
    const file = files?.[0];
    if (!handlers.accepting() || !files || !file) return;
    if (files.length > 1) {
      handlers.onMany();
      return;
    }
    input.files = files;
    handlers.onFile(file);
  });
  for (const type of ["dragover", "drop"] as const) {
    window.addEventListener(type, (event) => {
      if (carriesFiles(event)) event.preventDefault();
    });
  }
}
