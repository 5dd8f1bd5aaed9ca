// A short two-tone chime made with Web Audio (no sound file to download). Browsers let a page
// make sound only after a click or key press on it, so `unlock()` is called from the first one.
type AudioContextClass = typeof AudioContext;

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (!context) {
    const Class: AudioContextClass | undefined =
      window.AudioContext ??
      (window as unknown as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
    if (!Class) return null;
    context = new Class();
  }
  return context;
}

/** Call from a click or key press: lets later chimes sound. */
export function unlockSound(): void {
  const c = audio();
  if (c && c.state === 'suspended') void c.resume();
}

/** Plays the chime; false when the browser has no audio or has not allowed sound yet. */
export function playChime(): boolean {
  const c = audio();
  if (!c) return false;
  if (c.state === 'suspended') void c.resume();
  const start = c.currentTime;
  for (const [i, frequency] of [880, 1320].entries()) {
    const tone = c.createOscillator();
    const gain = c.createGain();
    tone.type = 'sine';
    tone.frequency.value = frequency;
    const at = start + i * 0.18;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
    tone.connect(gain).connect(c.destination);
    tone.start(at);
    tone.stop(at + 0.17);
  }
  return c.state === 'running';
}
