// A reminder's notification icon: the habit's own icon (an emoji, or its name's first letter)
// on a disc of its colour, drawn in the service worker, so a glance tells which habit it is.

const SIZE = 192;
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** What goes on the disc: the icon the person chose, else the name's first letter. */
export function iconGlyph(icon: string, name: string): string {
  const chosen = icon.trim();
  if (chosen) return chosen;
  const first = Array.from(name.trim())[0];
  return first ? first.toUpperCase() : "";
}

/** Black or white, whichever reads better on the colour (WCAG relative luminance). */
export function glyphColor(background: string): string {
  if (!HEX_COLOR.test(background)) return "#ffffff";
  const channel = (offset: number) => {
    const value = Number.parseInt(background.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.179 ? "#000000" : "#ffffff";
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A PNG data: URL, or null where the browser cannot draw off screen (the app icon is used). */
export async function habitIconUrl(habit: {
  icon: string;
  name: string;
  color: string;
}): Promise<string | null> {
  if (typeof OffscreenCanvas === "undefined") return null;
  try {
    const canvas = new OffscreenCanvas(SIZE, SIZE);
    const context = canvas.getContext("2d");
    if (!context) return null;
    const color = HEX_COLOR.test(habit.color) ? habit.color : "#2f7d5b";
    context.fillStyle = color;
    context.beginPath();
    context.arc(SIZE / 2, SIZE / 2, SIZE / 2, 0, Math.PI * 2);
    context.fill();
    const glyph = iconGlyph(habit.icon, habit.name);
    if (glyph) {
      context.fillStyle = glyphColor(color);
      // A CSS font shorthand, never shown to a person.
      // eslint-disable-next-line lingui/no-unlocalized-strings
      context.font = `${Math.round(SIZE * 0.55)}px system-ui, sans-serif`;
      context.textAlign = "center";
      context.textBaseline = "middle";
      context.fillText(glyph, SIZE / 2, SIZE / 2 + SIZE * 0.04);
    }
    const blob = await canvas.convertToBlob({ type: "image/png" });
    return `data:image/png;base64,${toBase64(new Uint8Array(await blob.arrayBuffer()))}`;
  } catch {
    return null;
  }
}
