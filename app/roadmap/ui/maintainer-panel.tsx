import type { ReactNode } from 'react'

// The maintainers' box at the foot of an idea's or an effort's page: the forms only they see.

export function MaintainerPanel({ children }: { children: ReactNode }) {
  return (
    <section
      aria-labelledby="maintain"
      className="mt-6 rounded border border-purple-200 bg-purple-50 p-3"
    >
      <h2 id="maintain" className="font-semibold">
        Maintainers
      </h2>
      {children}
    </section>
  )
}
