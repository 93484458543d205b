import path from 'node:path'
import { fileURLToPath } from 'node:url'

import ts from 'typescript'

import type { Database } from './client.server'

// Compares the table types in db/schema.ts with the migrated database, column by column: the
// same tables, the same columns, compatible types and the same nullability. Kysely trusts
// db/schema.ts blindly, so a drift between the two would only show up as wrong data at run time.

type Kind = 'number' | 'string' | 'boolean' | 'Date' | 'string[]' | 'number[]' | 'unknown'
type ColumnShape = { kind: Kind; nullable: boolean }
type TableShapes = Map<string, Map<string, ColumnShape>>

const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'schema.ts')

const PG_KINDS: Record<string, Kind> = {
  int2: 'number',
  int4: 'number',
  int8: 'number',
  float4: 'number',
  float8: 'number',
  text: 'string',
  varchar: 'string',
  bpchar: 'string',
  citext: 'string',
  uuid: 'string',
  numeric: 'string',
  tsvector: 'string',
  bool: 'boolean',
  timestamptz: 'Date',
  timestamp: 'Date',
  date: 'Date',
  _text: 'string[]',
  _varchar: 'string[]',
  _int4: 'number[]',
  _int8: 'number[]',
  json: 'unknown',
  jsonb: 'unknown',
}

function kindOfType(checker: ts.TypeChecker, type: ts.Type): ColumnShape {
  const parts = type.isUnion() ? type.types : [type]
  let nullable = false
  const kinds = new Set<Kind>()
  for (const part of parts) {
    // ColumnType<S, I, U> and Generated<S> are objects with a __select__ property: read S.
    const select = part.getProperty('__select__')
    if (select) {
      const selected = kindOfType(checker, checker.getTypeOfSymbol(select))
      nullable ||= selected.nullable
      kinds.add(selected.kind)
    } else if (part.flags & ts.TypeFlags.Null) nullable = true
    else if (part.flags & ts.TypeFlags.Undefined) continue
    else if (part.flags & ts.TypeFlags.NumberLike) kinds.add('number')
    else if (part.flags & ts.TypeFlags.StringLike) kinds.add('string')
    else if (part.flags & ts.TypeFlags.BooleanLike) kinds.add('boolean')
    else if (checker.typeToString(part) === 'Date') kinds.add('Date')
    else if (checker.isArrayType(part)) {
      const [element] = checker.getTypeArguments(part as ts.TypeReference)
      kinds.add(element && element.flags & ts.TypeFlags.NumberLike ? 'number[]' : 'string[]')
    } else kinds.add('unknown')
  }
  return { kind: kinds.size === 1 ? [...kinds][0]! : 'unknown', nullable }
}

// No @types packages (`types: []`): the table types need only TypeScript's lib and Kysely's, and
// loading every @types package doubled the time of a check.
const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  types: [],
}

/**
 * A compiler host that parses each file under node_modules (the lib, Kysely) once per process:
 * a second check (the drift test's) parses only the schema file.
 */
function cachingCompilerHost() {
  const host = ts.createCompilerHost(COMPILER_OPTIONS)
  const parse = host.getSourceFile.bind(host)
  const parsed = new Map<string, ts.SourceFile | undefined>()
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.includes('/node_modules/')) {
      return parse(fileName, languageVersion, onError, shouldCreate)
    }
    if (!parsed.has(fileName)) {
      parsed.set(fileName, parse(fileName, languageVersion, onError, shouldCreate))
    }
    return parsed.get(fileName)
  }
  return host
}

let compilerHost: ts.CompilerHost | undefined

/** The tables and columns db/schema.ts declares in its `DB` type. */
export function readDeclaredSchema(file = SCHEMA_FILE): TableShapes {
  compilerHost ??= cachingCompilerHost()
  const program = ts.createProgram({
    rootNames: [file],
    options: COMPILER_OPTIONS,
    host: compilerHost,
  })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(file)
  if (!source) throw new Error(`Cannot read ${file}`)
  const alias = source.statements.find(
    (statement): statement is ts.TypeAliasDeclaration =>
      ts.isTypeAliasDeclaration(statement) && statement.name.text === 'DB',
  )
  if (!alias) throw new Error(`${file} has no DB type`)
  const tables: TableShapes = new Map()
  for (const table of checker.getTypeAtLocation(alias).getProperties()) {
    const columns = new Map<string, ColumnShape>()
    for (const column of checker.getTypeOfSymbol(table).getProperties()) {
      columns.set(column.name, kindOfType(checker, checker.getTypeOfSymbol(column)))
    }
    tables.set(table.name, columns)
  }
  return tables
}

/** The tables and columns of the migrated database (Kysely's own bookkeeping left out). */
export async function readDatabaseSchema(db: Database): Promise<TableShapes> {
  const tables: TableShapes = new Map()
  for (const table of await db.introspection.getTables()) {
    if (table.schema !== 'public' || table.name.startsWith('kysely_migration')) continue
    tables.set(
      table.name,
      new Map(
        table.columns.map((column) => [
          column.name,
          { kind: PG_KINDS[column.dataType] ?? 'unknown', nullable: column.isNullable },
        ]),
      ),
    )
  }
  return tables
}

/** Every difference between the declared and the real schema, as readable lines. */
export async function compareSchemaWithDatabase(db: Database, file = SCHEMA_FILE) {
  const declared = readDeclaredSchema(file)
  const actual = await readDatabaseSchema(db)
  const problems: string[] = []
  for (const name of new Set([...declared.keys(), ...actual.keys()])) {
    const declaredColumns = declared.get(name)
    const actualColumns = actual.get(name)
    if (!declaredColumns) {
      problems.push(`table ${name} exists in the database but not in db/schema.ts`)
      continue
    }
    if (!actualColumns) {
      problems.push(`table ${name} is in db/schema.ts but not in the database`)
      continue
    }
    for (const column of new Set([...declaredColumns.keys(), ...actualColumns.keys()])) {
      const want = declaredColumns.get(column)
      const have = actualColumns.get(column)
      if (!want) problems.push(`${name}.${column} is in the database but not in db/schema.ts`)
      else if (!have) problems.push(`${name}.${column} is in db/schema.ts but not in the database`)
      else if (want.kind !== have.kind || want.nullable !== have.nullable) {
        const show = (shape: ColumnShape) => `${shape.kind}${shape.nullable ? ' | null' : ''}`
        problems.push(
          `${name}.${column} is ${show(want)} in db/schema.ts but ${show(have)} in the database`,
        )
      }
    }
  }
  return problems
}
