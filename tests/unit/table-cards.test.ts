/**
 * Phones (issue 16 point 4): every <Table> becomes one card per row below `sm`, each value under its column's name.
 * The names come from the headers: each cell of a row gets its column's header as data-label (app/globals.css shows
 * it above the value); a cell spanning columns and the unnamed actions column get none.
 */
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Cell, Table } from '@/components/ui/table';

describe('Table as cards', () => {
  it('labels each cell with its column header, skipping the actions column and spanning cells', () => {
    const html = renderToStaticMarkup(
      h(Table, {
        headers: ['Person', 'Scopes', ''],
        caption: 'Members',
        children: [
          h(
            'tr',
            { key: 'a' },
            h(Cell, { children: 'Finn' }),
            h(Cell, { children: 'Deal terms' }),
            h(Cell, { children: h('button', null, 'Revoke') }),
          ),
          h('tr', { key: 'b' }, h('td', { colSpan: 3 }, 'Nobody else')),
        ],
      }),
    );
    expect(html).toContain('class="table-cards');
    expect(html).toContain('<td class="px-2 py-2 align-top " data-label="Person">Finn</td>');
    expect(html).toContain('data-label="Scopes">Deal terms</td>');
    expect(html).toContain('<td class="px-2 py-2 align-top "><button>Revoke</button></td>');
    expect(html).toMatch(/<td colspan="3">Nobody else<\/td>/i);
  });
});
