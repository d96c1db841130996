export { type LocalS3, startLocalS3 } from './local-s3';
