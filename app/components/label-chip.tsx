/** Black or white text, whichever reads better on the label's colour (as GitHub does). */
function textColourFor(hex: string) {
  const value = Number.parseInt(hex, 16)
  const [r, g, b] = [(value >> 16) & 255, (value >> 8) & 255, value & 255]
  const luminance = (0.299 * r + 0.587 * g + 0.114 * b) / 255
  return luminance > 0.6 ? '#1e293b' : '#ffffff'
}

export function LabelChip({ name, color }: { name: string; color: string }) {
  const hex = /^[0-9a-f]{6}$/i.test(color) ? color : 'ededed'
  return (
    <span
      className="inline-block rounded-full border border-black/10 px-2 py-0.5 text-xs font-medium"
      style={{ backgroundColor: `#${hex}`, color: textColourFor(hex) }}
    >
      {name}
    </span>
  )
}
