import { useActionData, useNavigation } from '@remix-run/react'

/**
 * The action's answer, once the loaders' data is as fresh as it. React Router commits an action's
 * data as soon as the action answers, then revalidates the loaders: until they answer, the page
 * would show the action's thanks ("You are working on this now") beside the loader's old state
 * ("Nobody yet." and the claim button). Until then the page shows the old state alone, as it was
 * when the form was sent.
 */
export function useSettledActionData<T>() {
  const result = useActionData<T>()
  const navigation = useNavigation()
  const isRevalidatingAfterAction =
    navigation.state === 'loading' &&
    navigation.formMethod !== undefined &&
    navigation.formMethod.toUpperCase() !== 'GET'
  return isRevalidatingAfterAction ? undefined : result
}
