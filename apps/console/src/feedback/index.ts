import RateReviewIcon from '@mui/icons-material/RateReview';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./FeedbackList').then((m) => ({ default: m.FeedbackList }))),
  create: lazy(() => import('./FeedbackCreate').then((m) => ({ default: m.FeedbackCreate }))),
  icon: RateReviewIcon,
  recordRepresentation: 'responseId',
};
