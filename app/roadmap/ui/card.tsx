import type { ReactNode } from 'react'

// The white panel the roadmap's pages group a form or a record in.

export function Card({ children, className = '' }: { children: ReactNode; className?: string }) {
  return (
    <div className={`rounded border border-slate-200 bg-white p-4 ${className}`}>{children}</div>
  )
}
