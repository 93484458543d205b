// A form field's own error, beside it: the field points at it with
// aria-describedby={`${field}-error`} and is marked aria-invalid.

export function FieldError({ field, message }: { field: string; message: string | undefined }) {
  if (!message) return null
  return (
    <p id={`${field}-error`} className="mt-1 text-sm text-red-700">
      {asSentence(message)}
    </p>
  )
}

/** Schema messages are fragments ("must be one of: …"); under a field they read as sentences. */
function asSentence(fragment: string) {
  const text = fragment.charAt(0).toUpperCase() + fragment.slice(1)
  return /[.!?]$/.test(text) ? text : `${text}.`
}
