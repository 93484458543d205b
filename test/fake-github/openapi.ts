import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

import Ajv, { type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'

// Validators built from GitHub's official OpenAPI description (@octokit/openapi), so the fake's
// bodies are checked against the same schemas the real API publishes.
//
// The package ships only OpenAPI 3.0.3 documents: a compact one with $refs (13 MB) and a
// dereferenced one (70 MB). 3.0 schemas are not JSON Schema: `nullable: true` stands beside
// `type`, and `discriminator` sits on oneOfs whose branches may overlap. So we load the compact
// document, rewrite its schemas into draft-07 JSON Schema (nullable -> type [..., 'null'] or an
// anyOf with null; discriminated oneOf -> anyOf; OpenAPI-only keywords dropped) and let Ajv
// resolve the $refs lazily, compiling only what a test asks for.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

const specId = 'https://api.github.com/openapi.json'
const openApiOnlyKeywords = new Set([
  'nullable',
  'discriminator',
  'example',
  'examples',
  'xml',
  'externalDocs',
])

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function mapValues(value: Json, convert: (schema: Json) => Json): Json {
  if (!isObject(value)) return value
  return Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, convert(schema)]))
}

/** OpenAPI 3.0 schema object -> draft-07 JSON Schema, with $refs made absolute. */
export function toJsonSchema(schema: Json): Json {
  if (!isObject(schema)) return schema
  const result: JsonObject = {}
  for (const [keyword, value] of Object.entries(schema)) {
    if (openApiOnlyKeywords.has(keyword) || keyword.startsWith('x-')) continue
    if (keyword === 'properties' || keyword === 'patternProperties') {
      result[keyword] = mapValues(value, toJsonSchema)
    } else if (keyword === 'items' || keyword === 'additionalProperties' || keyword === 'not') {
      result[keyword] = toJsonSchema(value)
    } else if (keyword === 'allOf' || keyword === 'anyOf' || keyword === 'oneOf') {
      const branches = Array.isArray(value) ? value.map(toJsonSchema) : value
      // A discriminator picks one branch by a property; Ajv cannot use OpenAPI's mapping, and
      // overlapping branches would fail oneOf, so require "at least one" instead.
      result[keyword === 'oneOf' && 'discriminator' in schema ? 'anyOf' : keyword] = branches
    } else if (keyword === '$ref' && typeof value === 'string' && value.startsWith('#')) {
      result[keyword] = `${specId}${value}`
    } else {
      result[keyword] = value
    }
  }
  if (schema.nullable !== true) return result
  if (typeof result.type === 'string') {
    result.type = [result.type, 'null']
    if (Array.isArray(result.enum) && !result.enum.includes(null))
      result.enum = [...result.enum, null]
    return result
  }
  return { anyOf: [{ type: 'null' }, result] }
}

type OpenApiDocument = {
  paths: Record<string, Record<string, { responses: Record<string, JsonObject> }>>
  components: { schemas: Record<string, Json>; responses: Record<string, JsonObject> }
}

function loadSpec() {
  const require = createRequire(import.meta.url)
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json')
  return JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument
}

export type OpenApiValidators = {
  /** The schema GitHub documents for `status` of `method path` (e.g. 'get', '/user', 200). */
  response(method: string, path: string, status: number): ValidateFunction
  /** A named schema under components/schemas. */
  schema(name: string): ValidateFunction
}

export function createOpenApiValidators(): OpenApiValidators {
  const spec = loadSpec()
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false })
  addFormats(ajv)
  ajv.addFormat('int32', { type: 'number', validate: Number.isInteger })
  ajv.addFormat('int64', { type: 'number', validate: Number.isInteger })
  ajv.addSchema({
    $id: specId,
    components: { schemas: mapValues(spec.components.schemas as Json, toJsonSchema) },
  })

  return {
    response(method, path, status) {
      const operation = spec.paths[path]?.[method.toLowerCase()]
      if (!operation) throw new Error(`OpenAPI: no operation ${method} ${path}`)
      let response = operation.responses[String(status)]
      const ref = response?.$ref
      if (typeof ref === 'string') {
        response = spec.components.responses[ref.replace('#/components/responses/', '')]
      }
      const content = response?.content
      const media = isObject(content) ? content['application/json'] : undefined
      if (!isObject(media) || media.schema === undefined) {
        throw new Error(`OpenAPI: ${method} ${path} documents no JSON body for ${status}`)
      }
      return ajv.compile(toJsonSchema(media.schema) as object)
    },
    schema(name) {
      return ajv.compile({ $ref: `${specId}#/components/schemas/${name}` })
    },
  }
}
