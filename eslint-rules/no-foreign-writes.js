// @ts-check
/**
 * A module writes only its own tables (ADR 0002): `.insert(t)`, `.update(t)` and `.delete(t)` are refused when
 * `t` was imported from another module's folder (even through its read surface). To change another module's
 * records, call its use case through Services.
 */
import path from 'node:path'

const moduleOf = (file) => {
  const m = /[\\/]src[\\/]modules[\\/]([^\\/]+)[\\/]/.exec(file)
  return m ? m[1] : null
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: "A module may not insert into, update or delete from another module's tables" },
    schema: [],
    messages: {
      foreign: "'{{name}}' belongs to the {{owner}} module: {{module}} may read it but not {{verb}} it. Call the {{owner}} service instead (ADR 0002).",
    },
  },
  create(context) {
    const filename = context.filename
    const here = moduleOf(filename)
    if (!here) return {}
    /** local name -> owning module, for names imported from another module */
    const foreign = new Map()
    return {
      ImportDeclaration(node) {
        const source = String(node.source.value)
        if (!source.startsWith('.')) return
        const owner = moduleOf(path.resolve(path.dirname(filename), source))
        if (!owner || owner === here) return
        for (const s of node.specifiers) foreign.set(s.local.name, owner)
      },
      CallExpression(node) {
        const callee = node.callee
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return
        const verb = callee.property.name
        if (verb !== 'insert' && verb !== 'update' && verb !== 'delete') return
        const arg = node.arguments[0]
        if (!arg) return
        const name = arg.type === 'Identifier' ? arg.name : arg.type === 'MemberExpression' && arg.object.type === 'Identifier' ? arg.object.name : null
        if (!name || !foreign.has(name)) return
        context.report({ node: arg, messageId: 'foreign', data: { name, owner: foreign.get(name), module: here, verb } })
      },
    }
  },
}
