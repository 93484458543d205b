/**
 * Where an idea was first filed, when that is not the area it is in now: by the area's name when
 * an area gathers the first name (`original_names`), else the first name as it was, said to be
 * that: the source's key ("platform") read as an area nobody could find. Null when nothing more
 * than the area the page already names is known.
 */
export function firstFiledNote(idea: {
  original_area: string | null
  original_area_name: string | null
  area_name: string
}): string | null {
  const { original_area: original, original_area_name: gathered, area_name: current } = idea
  if (!original || original === current) return null
  if (gathered === current) return `first filed under this area, then called “${original}”`
  if (gathered) return `first filed under ${gathered} (then called “${original}”)`
  return `first filed under the area then called “${original}”`
}
