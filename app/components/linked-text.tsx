// Plain text whose web addresses are links: for notes kept as they were written (an imported
// project's history and source), which are not markdown. React escapes the rest.

const URL_PATTERN = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)'])/

export function LinkedText({ text }: { text: string }) {
  // split with one capture group: the addresses are at the odd indexes.
  return (
    <>
      {text.split(URL_PATTERN).map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} className="break-all text-blue-700 underline" rel="noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  )
}
