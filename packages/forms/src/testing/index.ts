export { publishForms } from './publish-forms';
