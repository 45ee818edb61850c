// Colours a reader with any common colour-vision deficiency can tell apart (Okabe & Ito), in
// the order series take them; and the red / amber / green of a dashboard cell, which never
// carry meaning alone (a cell also shows its value and an icon).
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

export const RAG_COLOURS = {
  green: '#009E73',
  amber: '#E69F00',
  red: '#D55E00',
  none: '#8c8c8c',
} as const;

/** A light background for a cell of that colour, dark text stays readable on it. */
export const RAG_BACKGROUNDS = {
  green: '#e3f4ee',
  amber: '#fcf0dc',
  red: '#fbe5da',
  none: 'transparent',
} as const;
