/**
 * Where an idea was first filed, when that is not the area it is in now: by the area's name when
 * an area gathers the first name (`original_names`), else the first name as it was, said to be
 * that: the source's key ("platform") read as an area nobody could find. The key is a source's
 * lower-case tag ("networking", "quality/testing"): shown as the name it was ("Networking"), and
 * one that is the area's own name but for its case says nothing ("first filed under this area,
 * then called “networking”" named the same area twice). Null when nothing more than the area the
 * page already names is known.
 */
export function firstFiledNote(idea: {
  original_area: string | null
  original_area_name: string | null
  area_name: string
}): string | null {
  const { original_area: original, original_area_name: gathered, area_name: current } = idea
  if (!original || sameName(original, current)) return null
  const then = `“${asName(original)}”`
  if (gathered === current) return `first filed under this area, then called ${then}`
  if (gathered && !sameName(original, gathered)) {
    return `first filed under ${gathered} (then called ${then})`
  }
  if (gathered) return `first filed under ${gathered}`
  return `first filed under the area then called ${then}`
}

/** Two names of an area that differ only in case or spacing are one name. */
function sameName(a: string, b: string) {
  const key = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase()
  return key(a) === key(b)
}

/** A source's key as the name it stood for: its first letter up ("tooling" → "Tooling"). */
function asName(key: string) {
  const name = key.trim()
  return name.charAt(0).toUpperCase() + name.slice(1)
}
