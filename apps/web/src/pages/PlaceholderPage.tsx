import { Button, Result } from 'antd';
import { Link } from 'react-router';

/** A role's home whose own page comes in a later release: say so and lead to the wall chart. */
export default function PlaceholderPage({ title }: { title: string }) {
  return (
    <Result
      status="info"
      title={title}
      subTitle={`“${title}”页面正在建设中，请先使用挂图作战查看全部整改措施。`}
      extra={
        <Link to="/board">
          <Button type="primary">前往挂图作战</Button>
        </Link>
      }
    />
  );
}
