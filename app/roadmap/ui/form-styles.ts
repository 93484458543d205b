// The roadmap forms' field and button styles, shared so every form looks the same.

export const inputClass = 'mt-1 rounded border border-slate-300 px-2 py-1'
export const buttonClass =
  'rounded bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-blue-400'
export const secondaryButtonClass =
  'rounded border border-slate-300 bg-white px-2 py-1 text-sm font-medium hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-400'
