import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { idParam } from '../../platform/http/params.ts'
import { blankForm, formHandler, type FormState } from '../../platform/http/form-route.ts'
import { render } from '../../platform/views/render.ts'
import type { Services } from '../../services.ts'
import { topicPaths } from './topics.paths.ts'
import { ItemTopicFormSchema } from './topics.schemas.ts'
import { itemTopicsPage, topicIndexPage, topicPage } from './topics.presenter.ts'

const VIEWS = {
  index: 'topics/views/topic-index.njk',
  topic: 'topics/views/topic.njk',
  itemTopics: 'topics/views/topic-item.njk',
}

/** The topic index and topic histories (public), and tagging an agenda item with topics (the secretariat). */
export function topicsRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  const topics = services.topics

  app.get(topicPaths.public.index(), async (c) => render(c, VIEWS.index, topicIndexPage(await topics.findPublishedTopicIndex())))

  app.get(topicPaths.public.partnershipTopics(':partnership'), async (c) =>
    render(c, VIEWS.index, topicIndexPage(await topics.findPublishedTopicIndex(c.req.param('partnership') ?? ''))),
  )

  app.get(topicPaths.public.topic(':partnership', ':topic'), async (c) => {
    const view = await topics.findPublishedTopic(c.req.param('partnership') ?? '', c.req.param('topic') ?? '')
    return render(c, VIEWS.topic, topicPage(view))
  })

  const loadItem = async (c: Context<AppEnv>) => {
    const user = requireUser(c)
    const id = idParam(c.req.param('id'), 'Agenda item')
    return { user, id, data: await topics.itemTopicsForm(user, id) }
  }
  type Loaded = Awaited<ReturnType<typeof loadItem>>
  const itemTopicsView = (c: Context<AppEnv>, { data }: Loaded, form: FormState) =>
    render(c, VIEWS.itemTopics, { ...itemTopicsPage(data, form.values, form.errors), errors: form.errors, errorSummary: form.errorSummary }, form.status)

  app.get(topicPaths.manage.itemTopics(':id'), async (c) => itemTopicsView(c, await loadItem(c), blankForm()))

  app.post(
    topicPaths.manage.itemTopics(':id'),
    formHandler({
      load: loadItem,
      schema: ItemTopicFormSchema,
      page: itemTopicsView,
      submit: async (_c, input, { user, id }) => {
        if (input.action === 'remove') {
          await topics.removeTopicFromItem(user, id, input.topicId)
          return { redirect: topicPaths.manage.itemTopics(id), flash: 'Topic removed from the item' }
        }
        const topic = await topics.addTopicToItem(user, id, input)
        return { redirect: topicPaths.manage.itemTopics(id), flash: `Item tagged with ${topic.name}` }
      },
    }),
  )

  return app
}
